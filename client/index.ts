// sluice/client: a typed client for the Sluice HTTP API, built on the platform fetch (Node >= 20 and browsers).
export {
  createClient, type AppendOptions, type CallOptions, type ClientOptions, type ReadOptions, type SluiceClient, type StreamListOptions,
  type StreamReadOptions, type ViewsApi,
} from './create-client.js';
export { SluiceError, type SluiceErrorCode } from './sluice-error.js';
export type { ReconnectInfo, RetryOptions, SubscribeOptions } from './subscription.js';
export type { LiveFormat } from './record-streams.js';
export type { QueryOptions, QueryParams, QueryResult, ViewName, QueryName } from './view-types.js';
export type {
  AppendBatchResult, AppendResult, EventInput, ExpectedRevision, Health, LogDamage, LogFilter, LogGap, LogPage, QueryInfo, Readiness, SluiceRecord, SseToken,
  StreamList, StreamPage, StreamSummary, StreamWriteInput, ViewInfo, ViewStatus,
} from './wire-types.js';
