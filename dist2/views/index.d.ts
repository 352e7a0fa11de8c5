export { indexView, MAX_INDEX_KEY_BYTES, type IndexViewOptions, type IndexQueryParams } from './index-view.js';
export { keyedStateView, type KeyedStateViewOptions } from './keyed-state-view.js';
export { reducerView, type ReducerViewOptions } from './reducer-view.js';
export { streamsView, type StreamSummary } from './streams-view.js';
export { typesView } from './types-view.js';
export { tagsView } from './tags-view.js';
export { encodeCursor, decodeCursor } from './cursor.js';
