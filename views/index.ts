// View kinds users build on, and the first-party views.
export { indexView, MAX_INDEX_KEY_BYTES, type IndexViewOptions, type IndexQueryParams, type IndexQueries, type IndexCallerParams } from './index-view.js';
export { keyedStateView, type KeyedStateViewOptions, type KeyedStateQueries, type KeyedEntry } from './keyed-state-view.js';
export { reducerView, type ReducerViewOptions, type ReducerQueries } from './reducer-view.js';
export { streamsView, type StreamSummary, type StreamsQueries } from './streams-view.js';
export { typesView } from './types-view.js';
export { tagsView } from './tags-view.js';
export { encodeCursor, decodeCursor } from './cursor.js';
