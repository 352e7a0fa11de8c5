export interface Logger {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
}
/** Drops everything; the default when the embedding application passes no logger. */
export declare const silentLogger: Logger;
