import type { Logger } from '../core/logger.js';
export declare class DeferredLogger implements Logger {
    private target;
    private held;
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
    /** Sends what was held, then everything from now on, to `target`. */
    attach(target: Logger): void;
    private emit;
}
