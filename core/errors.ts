// The one table of Sluice error codes: every error the engine, server or CLI raises is a row here.
// Codes are a stable contract (documented in docs/errors.md, checked by a test); never reuse or rename one.

export interface ErrorDefinition {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

export const ERRORS = {
  // log
  LOG_NO_RECORD: { code: 'SLUICE_ERR_LOG_NO_RECORD', status: 404, message: 'no record starts at offset {offset}' },
  LOG_CORRUPT_RECORD: { code: 'SLUICE_ERR_LOG_CORRUPT_RECORD', status: 500, message: 'the record at offset {offset} is damaged: {reason}' },
  LOG_LOCKED: { code: 'SLUICE_ERR_LOG_LOCKED', status: 503, message: 'the data directory {dir} is held by another writer (pid {pid}); stop it or use its HTTP API (--url)' },
  LOG_CLOSED: { code: 'SLUICE_ERR_LOG_CLOSED', status: 503, message: 'the log is closed' },
  LOG_READ_ONLY: { code: 'SLUICE_ERR_LOG_READ_ONLY', status: 405, message: 'the log was opened read-only' },
  LOG_FAILED: { code: 'SLUICE_ERR_LOG_FAILED', status: 503, message: 'the log stopped accepting writes after an I/O failure ({reason}); restart to recover' },
  LOG_NO_SPACE: { code: 'SLUICE_ERR_LOG_NO_SPACE', status: 507, message: 'the disk holding the log is full ({reason}); nothing of this append was written, and appends resume by themselves once space is freed' },
  LOG_NOT_WRITABLE: { code: 'SLUICE_ERR_LOG_NOT_WRITABLE', status: 503, message: 'the log cannot write: {cause} ({reason})' },
  LOG_FORMAT: { code: 'SLUICE_ERR_LOG_FORMAT', status: 500, message: 'the log at {dir} is not a Sluice log or has an unsupported format: {reason}' },
  LOG_RECORD_TOO_LARGE: { code: 'SLUICE_ERR_LOG_RECORD_TOO_LARGE', status: 413, message: 'an event of {size} bytes exceeds the record limit of {limit} bytes' },
  LOG_OFFSET_INVALID: { code: 'SLUICE_ERR_LOG_OFFSET_INVALID', status: 400, message: 'offset {offset} is not a non-negative integer' },
  LOG_OFFSET_PAST_END: { code: 'SLUICE_ERR_LOG_OFFSET_PAST_END', status: 400, message: 'offset {offset} is at or past the log end ({end}): no record there to wait for; use an offset an append returned' },
  LOG_FILTER_INVALID: { code: 'SLUICE_ERR_LOG_FILTER_INVALID', status: 400, message: 'invalid log filter: {reason}' },
  LOG_BEFORE_START: { code: 'SLUICE_ERR_LOG_BEFORE_START', status: 410, message: 'offset {offset} is before the first offset {start}: retention removed it' },
  LOG_ERASE_INVALID: { code: 'SLUICE_ERR_LOG_ERASE_INVALID', status: 400, message: 'invalid erasure: {reason}' },
  LOG_UNSUPPORTED: { code: 'SLUICE_ERR_LOG_UNSUPPORTED', status: 501, message: 'this store\'s log does not support {operation} (erasure in place and retention need the file log; not in cluster mode)' },
  // events and streams
  EVENT_INVALID: { code: 'SLUICE_ERR_EVENT_INVALID', status: 400, message: 'invalid event: {reason}' },
  EVENT_ID_INVALID: { code: 'SLUICE_ERR_EVENT_ID_INVALID', status: 400, message: 'event id {id} is not a UUID (8-4-4-4-12 hexadecimal digits)' },
  EVENT_ID_REUSED: { code: 'SLUICE_ERR_EVENT_ID_REUSED', status: 409, message: 'event id {id} was already appended to stream {stream} (offset {offset}) but this append is not a repeat of that one: an append is idempotent only when every event repeats an id of the stream; nothing was written' },
  STREAM_NAME_INVALID: { code: 'SLUICE_ERR_STREAM_NAME_INVALID', status: 400, message: 'invalid stream name {stream}: use 1-{max=200} characters of letters, digits and ._:@-' },
  STREAM_NOT_FOUND: { code: 'SLUICE_ERR_STREAM_NOT_FOUND', status: 404, message: 'stream {stream} does not exist' },
  STREAM_DELETED: { code: 'SLUICE_ERR_STREAM_DELETED', status: 410, message: 'stream {stream} was deleted at revision {revision}; write to it again to re-create it' },
  STREAM_WRONG_EXPECTED_REVISION: { code: 'SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION', status: 409, message: 'stream {stream} is at revision {currentRevision}, expected {expectedRevision}' },
  // commands
  COMMAND_NOT_FOUND: { code: 'SLUICE_ERR_COMMAND_NOT_FOUND', status: 404, message: 'no command named {command}' },
  COMMAND_PARAMS_INVALID: { code: 'SLUICE_ERR_COMMAND_PARAMS_INVALID', status: 400, message: 'invalid parameters for command {command}: {reason}' },
  COMMAND_REJECTED: { code: 'SLUICE_ERR_COMMAND_REJECTED', status: 422, message: 'the command was rejected: {reason}' },
  COMMAND_CONFLICT: { code: 'SLUICE_ERR_COMMAND_CONFLICT', status: 409, message: 'stream {stream} kept changing under the command: {attempts} attempts conflicted (last expected revision {expectedRevision}, found {currentRevision})' },
  // views
  VIEW_NOT_FOUND: { code: 'SLUICE_ERR_VIEW_NOT_FOUND', status: 404, message: 'no view named {view}' },
  VIEW_QUERY_NOT_FOUND: { code: 'SLUICE_ERR_VIEW_QUERY_NOT_FOUND', status: 404, message: 'view {view} has no query named {query}' },
  VIEW_QUERY_INVALID: { code: 'SLUICE_ERR_VIEW_QUERY_INVALID', status: 400, message: 'invalid parameters for {view}/{query}: {reason}' },
  VIEW_KEY_NOT_FOUND: { code: 'SLUICE_ERR_VIEW_KEY_NOT_FOUND', status: 404, message: '{what} not found in view {view}' },
  VIEW_FAILED: { code: 'SLUICE_ERR_VIEW_FAILED', status: 503, message: 'view {view} failed at offset {offset}: {reason}; fix it and rebuild' },
  VIEW_STALLED: { code: 'SLUICE_ERR_VIEW_STALLED', status: 503, message: 'view {view} is stalled before the damaged log record at offset {offset} ({reason}); it will not get further by itself: restore the log, or let it skip damaged records (sluice views skip-damaged {view}, or views.skipDamaged)' },
  VIEW_REBUILDING: { code: 'SLUICE_ERR_VIEW_REBUILDING', status: 503, message: 'view {view} is rebuilding ({percent}% done)' },
  VIEW_WAIT_TIMEOUT: { code: 'SLUICE_ERR_VIEW_WAIT_TIMEOUT', status: 503, message: 'view {view} did not reach offset {offset} within {timeout} ms (it is at {position})' },
  VIEW_NO_SPACE: { code: 'SLUICE_ERR_VIEW_NO_SPACE', status: 503, message: 'the views stopped at offset {offset}: the disk holding them is full ({reason}); they resume by themselves once space is freed' },
  VIEW_STORE_UNSYNCED: { code: 'SLUICE_ERR_VIEW_STORE_UNSYNCED', status: 503, message: 'the views in {dir} were left unsynced by a machine crash; start the server (sluice serve) once so it rebuilds them from the log' },
  VIEW_VERIFY_UNAVAILABLE: { code: 'SLUICE_ERR_VIEW_VERIFY_UNAVAILABLE', status: 409, message: 'view {view} cannot be verified: {reason}' },
  VIEW_DEFINITION_INVALID: { code: 'SLUICE_ERR_VIEW_DEFINITION_INVALID', status: 500, message: 'view {view} is invalid: {reason}' },
  // consumer groups
  GROUP_NOT_FOUND: { code: 'SLUICE_ERR_GROUP_NOT_FOUND', status: 404, message: 'no consumer group named {group}' },
  GROUP_EXISTS: { code: 'SLUICE_ERR_GROUP_EXISTS', status: 409, message: 'a consumer group named {group} already exists' },
  GROUP_INVALID: { code: 'SLUICE_ERR_GROUP_INVALID', status: 400, message: 'invalid consumer group request: {reason}' },
  GROUP_NOT_IN_FLIGHT: { code: 'SLUICE_ERR_GROUP_NOT_IN_FLIGHT', status: 409, message: 'group {group} has no record at offset {offset} that it handed out and is still waiting for (never delivered, already acknowledged, or parked); nothing was changed' },
  // plugins and configuration
  PLUGIN_INVALID: { code: 'SLUICE_ERR_PLUGIN_INVALID', status: 500, message: 'plugin {plugin} is invalid: {reason}' },
  PLUGIN_LOAD_FAILED: { code: 'SLUICE_ERR_PLUGIN_LOAD_FAILED', status: 500, message: 'plugin {plugin} failed to load: {reason}' },
  CONFIG_INVALID: { code: 'SLUICE_ERR_CONFIG_INVALID', status: 500, message: 'invalid configuration: {field} {reason}' },
  // cluster (NATS JetStream)
  CLUSTER_NATS_UNREACHABLE: { code: 'SLUICE_ERR_CLUSTER_NATS_UNREACHABLE', status: 503, message: 'could not reach NATS at {url}: {reason}; is nats-server running there with JetStream enabled?' },
  CLUSTER_UNAVAILABLE: { code: 'SLUICE_ERR_CLUSTER_UNAVAILABLE', status: 503, message: 'the cluster did not store the append within {timeout} ms ({reason}); it may have no quorum or be electing a leader: retry' },
  CLUSTER_NOT_FOLLOWING: { code: 'SLUICE_ERR_CLUSTER_NOT_FOLLOWING', status: 503, message: 'this node stopped following the cluster log after sequence {sequence}: {reason}' },
  CLUSTER_DIVERGED: { code: 'SLUICE_ERR_CLUSTER_DIVERGED', status: 500, message: 'the local log in {dir} does not match JetStream stream {stream}: {reason}; give this node an empty data directory to copy the cluster log' },
  CLUSTER_APPEND_TOO_LARGE: { code: 'SLUICE_ERR_CLUSTER_APPEND_TOO_LARGE', status: 413, message: 'the append is {size} bytes as a cluster message; the NATS servers accept at most {limit} (max_payload)' },
  CLUSTER_NOT_READY: { code: 'SLUICE_ERR_CLUSTER_NOT_READY', status: 503, message: 'this node is not ready: {reason}' },
  CLUSTER_NOT_ENABLED: { code: 'SLUICE_ERR_CLUSTER_NOT_ENABLED', status: 404, message: 'this server is not in cluster mode (start it with sluice serve --nats <url>)' },
  // HTTP
  HTTP_BAD_REQUEST: { code: 'SLUICE_ERR_HTTP_BAD_REQUEST', status: 400, message: '{reason}' },
  HTTP_NOT_FOUND: { code: 'SLUICE_ERR_HTTP_NOT_FOUND', status: 404, message: 'no route {method} {url}' },
  HTTP_BODY_TOO_LARGE: { code: 'SLUICE_ERR_HTTP_BODY_TOO_LARGE', status: 413, message: 'the request body exceeds the limit of {limit} bytes' },
  HTTP_UNSUPPORTED_MEDIA_TYPE: { code: 'SLUICE_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE', status: 415, message: 'unsupported content type {contentType}' },
  HTTP_UNSUPPORTED_ENCODING: { code: 'SLUICE_ERR_HTTP_UNSUPPORTED_ENCODING', status: 415, message: 'unsupported content encoding {encoding}: send the body as is (identity), or gzip, deflate or br' },
  HTTP_BAD_ENCODING: { code: 'SLUICE_ERR_HTTP_BAD_ENCODING', status: 400, message: 'the body is not valid {encoding} data ({reason})' },
  HTTP_NOT_ACCEPTABLE: { code: 'SLUICE_ERR_HTTP_NOT_ACCEPTABLE', status: 406, message: 'cannot produce {accept}; this route serves {produces}' },
  HTTP_REQUEST_TIMEOUT: { code: 'SLUICE_ERR_HTTP_REQUEST_TIMEOUT', status: 408, message: 'the request did not arrive in time; the connection is closed' },
  HTTP_HEADERS_TOO_LARGE: { code: 'SLUICE_ERR_HTTP_HEADERS_TOO_LARGE', status: 431, message: 'the request headers are too large' },
  HTTP_NOT_READY: { code: 'SLUICE_ERR_HTTP_NOT_READY', status: 503, message: 'the store is not ready yet' },
  HTTP_TOO_MANY_REQUESTS: { code: 'SLUICE_ERR_HTTP_TOO_MANY_REQUESTS', status: 429, message: '{reason}' },
  HTTP_OVERLOADED: { code: 'SLUICE_ERR_HTTP_OVERLOADED', status: 503, message: 'the server is overloaded; retry later' },
  HTTP_SHUTTING_DOWN: { code: 'SLUICE_ERR_HTTP_SHUTTING_DOWN', status: 503, message: 'the server is shutting down; retry after it restarts' },
  HTTP_INTERNAL: { code: 'SLUICE_ERR_HTTP_INTERNAL', status: 500, message: 'internal error' },
  // access
  AUTH_REQUIRED: { code: 'SLUICE_ERR_AUTH_REQUIRED', status: 401, message: 'a valid API key is required (Authorization: Bearer <key>)' },
  AUTH_SSE_TOKEN_MISPLACED: { code: 'SLUICE_ERR_AUTH_SSE_TOKEN_MISPLACED', status: 401, message: 'an SSE token (?token=) is accepted only by GET /log with Accept: text/event-stream; send an API key here (Authorization: Bearer <key>)' },
  AUTH_FORBIDDEN: { code: 'SLUICE_ERR_AUTH_FORBIDDEN', status: 403, message: 'this key lacks the {scope} scope' },
  AUTH_INSECURE_BIND: { code: 'SLUICE_ERR_AUTH_INSECURE_BIND', status: 500, message: 'refusing to listen on {host} without API keys: set SLUICE_API_KEYS, or SLUICE_ALLOW_INSECURE_NO_AUTH=1 to accept the risk' },
  // CLI
  CLI_USAGE: { code: 'SLUICE_ERR_CLI_USAGE', status: 400, message: '{reason}' },
  CLI_NO_STORE: { code: 'SLUICE_ERR_CLI_NO_STORE', status: 404, message: 'no Sluice log in {dir}; check --data (or SLUICE_DATA_DIR), or append an event to create one' },
  CLI_STORE_BUSY: { code: 'SLUICE_ERR_CLI_STORE_BUSY', status: 409, message: 'a server (pid {pid}) holds the store in {dir}; {next}' },
  CLI_STORE_NOT_EMPTY: { code: 'SLUICE_ERR_CLI_STORE_NOT_EMPTY', status: 409, message: 'the store in {dir} already holds events ({streams} streams); importing into it would add every record again. Import into an empty data directory (--data), or pass --append to add these after them' },
  CLI_INPUT_INVALID: { code: 'SLUICE_ERR_CLI_INPUT_INVALID', status: 400, message: 'line {line} of the input: {reason}' },
  CLI_SERVER_UNREACHABLE: { code: 'SLUICE_ERR_CLI_SERVER_UNREACHABLE', status: 503, message: 'could not reach the server at {url}: {reason}; is it running (sluice serve)?' },
  CLI_LISTEN_FAILED: { code: 'SLUICE_ERR_CLI_LISTEN_FAILED', status: 500, message: 'could not listen on {address}: {reason}; pick another --port (or SLUICE_PORT)' },
  CLI_SERVER_FAILED: { code: 'SLUICE_ERR_CLI_SERVER_FAILED', status: 502, message: 'the server at {url} answered {status}: {reason}' },
  // client (sluice/client): failures before or instead of a Sluice answer
  CLIENT_UNREACHABLE: { code: 'SLUICE_ERR_CLIENT_UNREACHABLE', status: 503, message: 'could not reach the server at {url}: {reason}' },
  CLIENT_TIMEOUT: { code: 'SLUICE_ERR_CLIENT_TIMEOUT', status: 504, message: '{method} {path} got no answer within {timeoutMs} ms' },
  CLIENT_BAD_RESPONSE: { code: 'SLUICE_ERR_CLIENT_BAD_RESPONSE', status: 502, message: 'the server at {url} answered {status} with a body that is not a Sluice answer' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorKey = keyof typeof ERRORS;

/** `{name}` takes params.name; `{name=default}` falls back to the default when the param is absent. */
function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)(?:=([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => (name in params ? String(params[name]) : fallback ?? whole));
}

/** Every error Sluice raises on purpose. `code` is stable; the message is for humans. */
export class SluiceError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: Record<string, unknown>;

  constructor(key: ErrorKey, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    const def: ErrorDefinition = ERRORS[key];
    super(fill(def.message, details), options);
    this.name = 'SluiceError';
    this.code = def.code;
    this.statusCode = def.status;
    this.details = details;
  }
}

/** Raised when `expectedRevision` does not hold; nothing was written. */
export class ConcurrencyError extends SluiceError {
  constructor(readonly stream: string, readonly expectedRevision: unknown, readonly currentRevision: number | null) {
    super('STREAM_WRONG_EXPECTED_REVISION', { stream, expectedRevision, currentRevision: currentRevision ?? 'none (no stream)' });
    this.name = 'ConcurrencyError';
  }
}

/**
 * Thrown by a command's decision to refuse it on a business rule (no money, account closed). Nothing is written;
 * HTTP answers 422 with `rejection` (a stable code of the application's own) and the message.
 * @example throw new CommandRejectedError('insufficient-funds', `balance ${state.balance} < ${amount}`);
 */
export class CommandRejectedError extends SluiceError {
  constructor(readonly rejection: string, reason: string = rejection, details: Record<string, unknown> = {}) {
    super('COMMAND_REJECTED', { ...details, reason, rejection });
    this.name = 'CommandRejectedError';
  }
}

/** Raised when a command's append still conflicted after its last attempt; nothing of the command was written. */
export class CommandConflictError extends SluiceError {
  constructor(readonly stream: string, readonly attempts: number, readonly conflict: ConcurrencyError, command?: string) {
    super('COMMAND_CONFLICT', {
      command, stream, attempts, expectedRevision: conflict.expectedRevision, currentRevision: conflict.currentRevision ?? 'none (no stream)',
    }, { cause: conflict });
    this.name = 'CommandConflictError';
  }
}

/** Raised when a record's bytes fail their checksum; names the damaged offset. */
export class CorruptRecordError extends SluiceError {
  constructor(readonly offset: number, reason: string) {
    super('LOG_CORRUPT_RECORD', { offset, reason });
    this.name = 'CorruptRecordError';
  }
}

export function isSluiceError(err: unknown, key?: ErrorKey): err is SluiceError {
  return err instanceof SluiceError && (key === undefined || err.code === ERRORS[key].code);
}
