// One HTTP exchange with the server over the platform `fetch`: the key as a Bearer header, a timeout, and every
// failure turned into a SluiceError (the server's code, or a SLUICE_ERR_CLIENT_* one). Runs in Node and browsers.
import { clientError, errorFromAnswer, SluiceError } from './sluice-error.js';

export type QueryValue = string | number | boolean | null | undefined;

export interface TransportOptions {
  readonly url: string;
  readonly apiKey?: string;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly accept?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** This request's timeout (default: the client's). */
  readonly timeoutMs?: number;
  /** For streams: the timeout covers the wait for the answer's headers only. */
  readonly streaming?: boolean;
}

export interface Answer<T> {
  readonly body: T;
  readonly headers: Headers;
  readonly status: number;
}

/** An answered request: `done` releases its timer and signal; `fail` maps an error met while reading its body. */
export interface Exchange {
  readonly response: Response;
  done(): void;
  fail(err: unknown): never;
}

/** Why an exchange ended early: our timer, or the caller's signal. */
const TIMED_OUT = Symbol('timed out');

export class HttpTransport {
  readonly base: string;

  constructor(private readonly options: TransportOptions) {
    this.base = options.url.endsWith('/') ? options.url : `${options.url}/`;
  }

  /** The URL of `path` (relative, no leading slash) with `query`, leaving out undefined and null values. */
  urlOf(path: string, query: Readonly<Record<string, QueryValue>> = {}): URL {
    const url = new URL(path, this.base);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** Sends the request; resolves with the response once its status is 2xx, else throws the answer's error. */
  async open(path: string, request: RequestOptions = {}): Promise<Exchange> {
    const method = request.method ?? 'GET';
    const url = this.urlOf(path, request.query);
    const headers: Record<string, string> = { ...this.options.headers, ...request.headers };
    if (request.accept !== undefined) headers.accept = request.accept;
    if (this.options.apiKey !== undefined) headers.authorization = `Bearer ${this.options.apiKey}`;
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
    const onAbort = (): void => controller.abort(request.signal!.reason);
    if (request.signal?.aborted) onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: unknown): never => {
      done();
      if (controller.signal.reason === TIMED_OUT) {
        throw clientError('CLIENT_TIMEOUT', `${method} /${path} got no answer within ${timeoutMs} ms`, { method, path: `/${path}`, timeoutMs });
      }
      if (request.signal?.aborted) throw request.signal.reason;
      if (err instanceof SluiceError) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (err as Error).message;
      throw clientError('CLIENT_UNREACHABLE', `could not reach the server at ${this.base}: ${reason}`, { url: this.base, reason }, err);
    };
    let response: Response;
    try {
      response = await this.options.fetch(url, { method, headers, body, signal: controller.signal });
    } catch (err) {
      return fail(err);
    }
    if (response.status >= 300) {
      let text = '';
      try {
        text = await response.text();
      } catch (err) {
        return fail(err);
      }
      done();
      throw errorFromAnswer(response.status, text, response.headers.get('retry-after'), this.base);
    }
    if (request.streaming === true) clearTimeout(timer);
    // A stream's body stays tied to the caller's signal until `done` (or the end of the body).
    return {
      response,
      fail,
      done: () => {
        done();
        if (request.streaming === true && !controller.signal.aborted) controller.abort();
      },
    };
  }

  /** A JSON exchange: the parsed body of a 2xx answer. */
  async json<T>(path: string, request: RequestOptions = {}): Promise<Answer<T>> {
    const { response, done, fail } = await this.open(path, { accept: 'application/json', ...request });
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      return fail(err);
    }
    done();
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      throw clientError('CLIENT_BAD_RESPONSE', `the server at ${this.base} answered ${response.status} with a body that is not JSON`, { url: this.base, status: response.status });
    }
    return { body, headers: response.headers, status: response.status };
  }

  /** A text exchange (metrics). */
  async text(path: string, request: RequestOptions = {}): Promise<string> {
    const { response, done, fail } = await this.open(path, request);
    try {
      const text = await response.text();
      done();
      return text;
    } catch (err) {
      return fail(err);
    }
  }
}
