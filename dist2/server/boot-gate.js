import { SluiceError } from '../core/errors.js';
import { errorBody } from './error-handler.js';
export class BootGate {
    #handler;
    /** The http.Server's request listener for its whole life. */
    listener = (req, res) => {
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
    open(handler) {
        this.#handler = handler;
    }
}
//# sourceMappingURL=boot-gate.js.map