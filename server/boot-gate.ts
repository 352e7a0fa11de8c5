// Answers HTTP while the store is still opening (log recovery can take a while): /health says the process is up,
// everything else is 503 SLUICE_ERR_HTTP_NOT_READY. Once the app is ready, requests go to Fastify.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SluiceError } from '../core/errors.js';
import { errorBody } from './error-handler.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export class BootGate {
  #handler: RequestHandler | undefined;

  /** The http.Server's request listener for its whole life. */
  readonly listener: RequestHandler = (req, res) => {
    if (this.#handler !== undefined) {
      this.#handler(req, res);
      return;
    }
    const health = req.url === '/health' || req.url?.startsWith('/health?') === true;
    const body = health ? { status: 'starting' } : errorBody(new SluiceError('HTTP_NOT_READY'));
    const text = JSON.stringify(body);
    res.writeHead(health ? 200 : 503, {
      'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...(health ? {} : { 'retry-after': '1' }),
    });
    res.end(text);
  };

  /** From now on, every request goes to `handler`. */
  open(handler: RequestHandler): void {
    this.#handler = handler;
  }
}
