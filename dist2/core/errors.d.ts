export interface ErrorDefinition {
    readonly code: string;
    readonly status: number;
    readonly message: string;
}
export declare const ERRORS: {
    readonly LOG_NO_RECORD: {
        readonly code: "SLUICE_ERR_LOG_NO_RECORD";
        readonly status: 404;
        readonly message: "no record starts at offset {offset}";
    };
    readonly LOG_CORRUPT_RECORD: {
        readonly code: "SLUICE_ERR_LOG_CORRUPT_RECORD";
        readonly status: 500;
        readonly message: "the record at offset {offset} is damaged: {reason}";
    };
    readonly LOG_LOCKED: {
        readonly code: "SLUICE_ERR_LOG_LOCKED";
        readonly status: 503;
        readonly message: "the data directory {dir} is held by another writer (pid {pid}); stop it or use its HTTP API (--url)";
    };
    readonly LOG_CLOSED: {
        readonly code: "SLUICE_ERR_LOG_CLOSED";
        readonly status: 503;
        readonly message: "the log is closed";
    };
    readonly LOG_READ_ONLY: {
        readonly code: "SLUICE_ERR_LOG_READ_ONLY";
        readonly status: 405;
        readonly message: "the log was opened read-only";
    };
    readonly LOG_FAILED: {
        readonly code: "SLUICE_ERR_LOG_FAILED";
        readonly status: 503;
        readonly message: "the log stopped accepting writes after an I/O failure ({reason}); restart to recover";
    };
    readonly LOG_FORMAT: {
        readonly code: "SLUICE_ERR_LOG_FORMAT";
        readonly status: 500;
        readonly message: "the log at {dir} is not a Sluice log or has an unsupported format: {reason}";
    };
    readonly LOG_RECORD_TOO_LARGE: {
        readonly code: "SLUICE_ERR_LOG_RECORD_TOO_LARGE";
        readonly status: 413;
        readonly message: "an event of {size} bytes exceeds the record limit of {limit} bytes";
    };
    readonly LOG_OFFSET_INVALID: {
        readonly code: "SLUICE_ERR_LOG_OFFSET_INVALID";
        readonly status: 400;
        readonly message: "offset {offset} is not a non-negative integer";
    };
    readonly LOG_FILTER_INVALID: {
        readonly code: "SLUICE_ERR_LOG_FILTER_INVALID";
        readonly status: 400;
        readonly message: "invalid log filter: {reason}";
    };
    readonly EVENT_INVALID: {
        readonly code: "SLUICE_ERR_EVENT_INVALID";
        readonly status: 400;
        readonly message: "invalid event: {reason}";
    };
    readonly EVENT_ID_INVALID: {
        readonly code: "SLUICE_ERR_EVENT_ID_INVALID";
        readonly status: 400;
        readonly message: "event id {id} is not a UUID (8-4-4-4-12 hexadecimal digits)";
    };
    readonly EVENT_ID_REUSED: {
        readonly code: "SLUICE_ERR_EVENT_ID_REUSED";
        readonly status: 409;
        readonly message: "event id {id} was already appended to stream {stream} (offset {offset}) but this append is not a repeat of that one: an append is idempotent only when every event repeats an id of the stream; nothing was written";
    };
    readonly STREAM_NAME_INVALID: {
        readonly code: "SLUICE_ERR_STREAM_NAME_INVALID";
        readonly status: 400;
        readonly message: "invalid stream name {stream}: use 1-{max=200} characters of letters, digits and ._:@-";
    };
    readonly STREAM_NOT_FOUND: {
        readonly code: "SLUICE_ERR_STREAM_NOT_FOUND";
        readonly status: 404;
        readonly message: "stream {stream} does not exist";
    };
    readonly STREAM_WRONG_EXPECTED_REVISION: {
        readonly code: "SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION";
        readonly status: 409;
        readonly message: "stream {stream} is at revision {currentRevision}, expected {expectedRevision}";
    };
    readonly VIEW_NOT_FOUND: {
        readonly code: "SLUICE_ERR_VIEW_NOT_FOUND";
        readonly status: 404;
        readonly message: "no view named {view}";
    };
    readonly VIEW_QUERY_NOT_FOUND: {
        readonly code: "SLUICE_ERR_VIEW_QUERY_NOT_FOUND";
        readonly status: 404;
        readonly message: "view {view} has no query named {query}";
    };
    readonly VIEW_QUERY_INVALID: {
        readonly code: "SLUICE_ERR_VIEW_QUERY_INVALID";
        readonly status: 400;
        readonly message: "invalid parameters for {view}/{query}: {reason}";
    };
    readonly VIEW_KEY_NOT_FOUND: {
        readonly code: "SLUICE_ERR_VIEW_KEY_NOT_FOUND";
        readonly status: 404;
        readonly message: "{what} not found in view {view}";
    };
    readonly VIEW_FAILED: {
        readonly code: "SLUICE_ERR_VIEW_FAILED";
        readonly status: 503;
        readonly message: "view {view} failed at offset {offset}: {reason}; fix it and rebuild";
    };
    readonly VIEW_REBUILDING: {
        readonly code: "SLUICE_ERR_VIEW_REBUILDING";
        readonly status: 503;
        readonly message: "view {view} is rebuilding ({percent}% done)";
    };
    readonly VIEW_WAIT_TIMEOUT: {
        readonly code: "SLUICE_ERR_VIEW_WAIT_TIMEOUT";
        readonly status: 503;
        readonly message: "view {view} did not reach offset {offset} within {timeout} ms (it is at {position})";
    };
    readonly VIEW_STORE_UNSYNCED: {
        readonly code: "SLUICE_ERR_VIEW_STORE_UNSYNCED";
        readonly status: 503;
        readonly message: "the views in {dir} were left unsynced by a machine crash; start the server (sluice serve) once so it rebuilds them from the log";
    };
    readonly VIEW_DEFINITION_INVALID: {
        readonly code: "SLUICE_ERR_VIEW_DEFINITION_INVALID";
        readonly status: 500;
        readonly message: "view {view} is invalid: {reason}";
    };
    readonly GROUP_NOT_FOUND: {
        readonly code: "SLUICE_ERR_GROUP_NOT_FOUND";
        readonly status: 404;
        readonly message: "no consumer group named {group}";
    };
    readonly GROUP_EXISTS: {
        readonly code: "SLUICE_ERR_GROUP_EXISTS";
        readonly status: 409;
        readonly message: "a consumer group named {group} already exists";
    };
    readonly GROUP_INVALID: {
        readonly code: "SLUICE_ERR_GROUP_INVALID";
        readonly status: 400;
        readonly message: "invalid consumer group request: {reason}";
    };
    readonly GROUP_NOT_IN_FLIGHT: {
        readonly code: "SLUICE_ERR_GROUP_NOT_IN_FLIGHT";
        readonly status: 409;
        readonly message: "group {group} has no record at offset {offset} that it handed out and is still waiting for (never delivered, already acknowledged, or parked); nothing was changed";
    };
    readonly PLUGIN_INVALID: {
        readonly code: "SLUICE_ERR_PLUGIN_INVALID";
        readonly status: 500;
        readonly message: "plugin {plugin} is invalid: {reason}";
    };
    readonly PLUGIN_LOAD_FAILED: {
        readonly code: "SLUICE_ERR_PLUGIN_LOAD_FAILED";
        readonly status: 500;
        readonly message: "plugin {plugin} failed to load: {reason}";
    };
    readonly CONFIG_INVALID: {
        readonly code: "SLUICE_ERR_CONFIG_INVALID";
        readonly status: 500;
        readonly message: "invalid configuration: {field} {reason}";
    };
    readonly HTTP_BAD_REQUEST: {
        readonly code: "SLUICE_ERR_HTTP_BAD_REQUEST";
        readonly status: 400;
        readonly message: "{reason}";
    };
    readonly HTTP_NOT_FOUND: {
        readonly code: "SLUICE_ERR_HTTP_NOT_FOUND";
        readonly status: 404;
        readonly message: "no route {method} {url}";
    };
    readonly HTTP_BODY_TOO_LARGE: {
        readonly code: "SLUICE_ERR_HTTP_BODY_TOO_LARGE";
        readonly status: 413;
        readonly message: "the request body exceeds the limit of {limit} bytes";
    };
    readonly HTTP_UNSUPPORTED_MEDIA_TYPE: {
        readonly code: "SLUICE_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE";
        readonly status: 415;
        readonly message: "unsupported content type {contentType}";
    };
    readonly HTTP_NOT_ACCEPTABLE: {
        readonly code: "SLUICE_ERR_HTTP_NOT_ACCEPTABLE";
        readonly status: 406;
        readonly message: "cannot produce {accept}; this route serves {produces}";
    };
    readonly HTTP_REQUEST_TIMEOUT: {
        readonly code: "SLUICE_ERR_HTTP_REQUEST_TIMEOUT";
        readonly status: 408;
        readonly message: "the request did not arrive in time; the connection is closed";
    };
    readonly HTTP_HEADERS_TOO_LARGE: {
        readonly code: "SLUICE_ERR_HTTP_HEADERS_TOO_LARGE";
        readonly status: 431;
        readonly message: "the request headers are too large";
    };
    readonly HTTP_NOT_READY: {
        readonly code: "SLUICE_ERR_HTTP_NOT_READY";
        readonly status: 503;
        readonly message: "the store is not ready yet";
    };
    readonly HTTP_TOO_MANY_REQUESTS: {
        readonly code: "SLUICE_ERR_HTTP_TOO_MANY_REQUESTS";
        readonly status: 429;
        readonly message: "{reason}";
    };
    readonly HTTP_OVERLOADED: {
        readonly code: "SLUICE_ERR_HTTP_OVERLOADED";
        readonly status: 503;
        readonly message: "the server is overloaded; retry later";
    };
    readonly HTTP_SHUTTING_DOWN: {
        readonly code: "SLUICE_ERR_HTTP_SHUTTING_DOWN";
        readonly status: 503;
        readonly message: "the server is shutting down; retry after it restarts";
    };
    readonly HTTP_INTERNAL: {
        readonly code: "SLUICE_ERR_HTTP_INTERNAL";
        readonly status: 500;
        readonly message: "internal error";
    };
    readonly AUTH_REQUIRED: {
        readonly code: "SLUICE_ERR_AUTH_REQUIRED";
        readonly status: 401;
        readonly message: "a valid API key is required (Authorization: Bearer <key>)";
    };
    readonly AUTH_FORBIDDEN: {
        readonly code: "SLUICE_ERR_AUTH_FORBIDDEN";
        readonly status: 403;
        readonly message: "this key lacks the {scope} scope";
    };
    readonly AUTH_INSECURE_BIND: {
        readonly code: "SLUICE_ERR_AUTH_INSECURE_BIND";
        readonly status: 500;
        readonly message: "refusing to listen on {host} without API keys: set SLUICE_API_KEYS, or SLUICE_ALLOW_INSECURE_NO_AUTH=1 to accept the risk";
    };
    readonly CLI_USAGE: {
        readonly code: "SLUICE_ERR_CLI_USAGE";
        readonly status: 400;
        readonly message: "{reason}";
    };
    readonly CLI_NO_STORE: {
        readonly code: "SLUICE_ERR_CLI_NO_STORE";
        readonly status: 404;
        readonly message: "no Sluice log in {dir}; check --data (or SLUICE_DATA_DIR), or append an event to create one";
    };
    readonly CLI_STORE_BUSY: {
        readonly code: "SLUICE_ERR_CLI_STORE_BUSY";
        readonly status: 409;
        readonly message: "a server (pid {pid}) holds the store in {dir}; stop it, or send this through it with --url {url}";
    };
    readonly CLI_INPUT_INVALID: {
        readonly code: "SLUICE_ERR_CLI_INPUT_INVALID";
        readonly status: 400;
        readonly message: "line {line} of the input: {reason}";
    };
    readonly CLI_SERVER_UNREACHABLE: {
        readonly code: "SLUICE_ERR_CLI_SERVER_UNREACHABLE";
        readonly status: 503;
        readonly message: "could not reach the server at {url}: {reason}; is it running (sluice serve)?";
    };
    readonly CLI_LISTEN_FAILED: {
        readonly code: "SLUICE_ERR_CLI_LISTEN_FAILED";
        readonly status: 500;
        readonly message: "could not listen on {address}: {reason}; pick another --port (or SLUICE_PORT)";
    };
    readonly CLI_SERVER_FAILED: {
        readonly code: "SLUICE_ERR_CLI_SERVER_FAILED";
        readonly status: 502;
        readonly message: "the server at {url} answered {status}: {reason}";
    };
};
export type ErrorKey = keyof typeof ERRORS;
/** Every error Sluice raises on purpose. `code` is stable; the message is for humans. */
export declare class SluiceError extends Error {
    readonly code: string;
    readonly statusCode: number;
    readonly details: Record<string, unknown>;
    constructor(key: ErrorKey, details?: Record<string, unknown>, options?: {
        cause?: unknown;
    });
}
/** Raised when `expectedRevision` does not hold; nothing was written. */
export declare class ConcurrencyError extends SluiceError {
    readonly stream: string;
    readonly expectedRevision: unknown;
    readonly currentRevision: number | null;
    constructor(stream: string, expectedRevision: unknown, currentRevision: number | null);
}
/** Raised when a record's bytes fail their checksum; names the damaged offset. */
export declare class CorruptRecordError extends SluiceError {
    readonly offset: number;
    constructor(offset: number, reason: string);
}
export declare function isSluiceError(err: unknown, key?: ErrorKey): err is SluiceError;
