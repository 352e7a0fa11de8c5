import type { IncomingMessage, ServerResponse } from 'node:http';
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;
export declare class BootGate {
    #private;
    /** The http.Server's request listener for its whole life. */
    readonly listener: RequestHandler;
    /** From now on, every request goes to `handler`. */
    open(handler: RequestHandler): void;
}
