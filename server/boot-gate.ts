// Answers HTTP while the store is still opening (log recovery can take a while): /health says the process is up,
// everything else is 503 SLUICE_ERR_HTTP_NOT_READY. Once the app is ready, requests go to Fastify.
// Server-Sent Events requests are held instead (up to SSE_HOLD_MS): a browser's EventSource treats any non-200
// answer as final and stops reconnecting, so a restart would otherwise end every browser's live tail.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SluiceError } from '../core/errors.js';
import { errorBody } from './error-handler.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** How long an SSE request waits for the store to open before it gets the 503. */
const SSE_HOLD_MS = 30_000;

function wantsEventStream(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

export class BootGate {
  #handler: RequestHandler | undefined;
  readonly #held = new Set<() => void>();

  /** The http.Server's request listener for its whole life. */
  readonly listener: RequestHandler = (req, res) => {
    if (this.#handler !== undefined) {
      this.#handler(req, res);
      return;
    }
    if (wantsEventStream(req)) {
      const release = (): void => {
        clearTimeout(timer);
        this.#held.delete(release);
        if (!res.destroyed) this.listener(req, res);
      };
      const timer = setTimeout(() => {
        this.#held.delete(release);
        this.#refuse(req, res);
      }, SSE_HOLD_MS);
      timer.unref();
      this.#held.add(release);
      return;
    }
    this.#refuse(req, res);
  };

  #refuse(req: IncomingMessage, res: ServerResponse): void {
    if (res.destroyed) return;
    const health = req.url === '/health' || req.url?.startsWith('/health?') === true;
    const body = health ? { status: 'starting' } : errorBody(new SluiceError('HTTP_NOT_READY'));
    const text = JSON.stringify(body);
    res.writeHead(health ? 200 : 503, {
      'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...(health ? {} : { 'retry-after': '1' }),
    });
    res.end(text);
  }

  /** From now on, every request goes to `handler`; held SSE requests go to it now. */
  open(handler: RequestHandler): void {
    this.#handler = handler;
    for (const release of [...this.#held]) release();
  }
}
