import { indexView } from './index-view.js';
export function typesView() {
    return indexView({
        name: 'types',
        version: 1,
        description: 'Records by event type, oldest first (reverse for newest first)',
        keyParam: 'type',
        keys: (record) => record.type,
    });
}
//# sourceMappingURL=types-view.js.map