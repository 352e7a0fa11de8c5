// The views every store loads: `streams`, `types` and `tags` (their names and queries are part of the HTTP contract).
import { definePlugin } from './define-plugin.js';
import { streamsView } from '../views/streams-view.js';
import { tagsView } from '../views/tags-view.js';
import { typesView } from '../views/types-view.js';
export const FIRST_PARTY_PLUGIN_NAME = 'sluice';
export function firstPartyPlugin() {
    return definePlugin({ name: FIRST_PARTY_PLUGIN_NAME, views: [streamsView(), typesView(), tagsView()] });
}
//# sourceMappingURL=first-party-plugin.js.map