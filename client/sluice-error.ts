// The client's error: the server's stable `code` (see docs/errors.md), the HTTP status and the answer's details
// (`currentRevision` on a 409, `position` on a view timeout, ...). Failures before any answer (unreachable server,
// timeout, an answer that is not Sluice's) carry SLUICE_ERR_CLIENT_* codes from the same table.
import { ERRORS } from '../core/errors.js';

/** Every code in the error table. A newer server may answer with a code this client does not know yet. */
export type SluiceErrorCode = (typeof ERRORS)[keyof typeof ERRORS]['code'];

type ClientErrorKey = 'CLIENT_UNREACHABLE' | 'CLIENT_TIMEOUT' | 'CLIENT_BAD_RESPONSE';

export class SluiceError extends Error {
  readonly code: SluiceErrorCode | (string & {});
  /** The HTTP status (the table's status for client-side failures). */
  readonly status: number;
  /** Alias of `status`, as on the server's errors. */
  readonly statusCode: number;
  /** Every field of the error answer beyond statusCode/code/error/message (or, client-side, what went wrong). */
  readonly details: Record<string, unknown>;

  constructor(code: string, status: number, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SluiceError';
    this.code = code;
    this.status = status;
    this.statusCode = status;
    this.details = details;
  }

  /** On a 409 `SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION`: the stream's actual last revision (null: no stream). */
  get currentRevision(): number | null | undefined {
    const value = this.details.currentRevision;
    return typeof value === 'number' || value === null ? value : undefined;
  }

  /** From `Retry-After` on 429 and 503 answers, in ms. */
  get retryAfterMs(): number | undefined {
    const value = this.details.retryAfterMs;
    return typeof value === 'number' ? value : undefined;
  }
}

/** A client-side failure: its code and status come from the one error table (core/errors.ts, Node-free). */
export function clientError(key: ClientErrorKey, message: string, details: Record<string, unknown>, cause?: unknown): SluiceError {
  const { code, status } = ERRORS[key];
  return new SluiceError(code, status, message, details, cause === undefined ? undefined : { cause });
}

/** The error an answer with a non-2xx status stands for, from its JSON body (`{statusCode, code, error, message, ...}`). */
export function errorFromAnswer(status: number, bodyText: string, retryAfter: string | null, url: string): SluiceError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const retryAfterMs = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
  if (body === null || typeof body !== 'object' || typeof (body as { code?: unknown }).code !== 'string') {
    return clientError('CLIENT_BAD_RESPONSE', `the server at ${url} answered ${status} with a body that is not a Sluice error: ${bodyText.slice(0, 200)}`,
      { url, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  const { statusCode: _s, code, error: _e, message, ...details } = body as Record<string, unknown>;
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  return new SluiceError(code as string, status, typeof message === 'string' ? message : String(code), details);
}
