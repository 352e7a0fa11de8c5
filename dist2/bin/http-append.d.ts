import type { ExpectedRevision, NewEvent, StreamWrite } from '../core/log/event-log.js';
export interface HttpAppendResult {
    readonly offsets: number[];
}
/** Posts `body` as JSON to `path` of the server; the parsed answer, or CLI_SERVER_UNREACHABLE / CLI_SERVER_FAILED. */
export declare function requestJson(baseUrl: string, method: string, path: string, body: unknown, apiKey: string | undefined, ok?: number[]): Promise<Record<string, unknown>>;
/** Many streams in one atomic request (POST /append). */
export declare function appendWritesOverHttp(baseUrl: string, writes: readonly StreamWrite[], apiKey: string | undefined): Promise<HttpAppendResult>;
export declare function appendOverHttp(baseUrl: string, stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision | undefined, apiKey: string | undefined): Promise<HttpAppendResult>;
