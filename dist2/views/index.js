// View kinds users build on, and the first-party views.
export { indexView, MAX_INDEX_KEY_BYTES } from './index-view.js';
export { keyedStateView } from './keyed-state-view.js';
export { reducerView } from './reducer-view.js';
export { streamsView } from './streams-view.js';
export { typesView } from './types-view.js';
export { tagsView } from './tags-view.js';
export { encodeCursor, decodeCursor } from './cursor.js';
//# sourceMappingURL=index.js.map