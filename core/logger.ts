// The logging seam: a pino-compatible subset, so the server can hand its pino logger to the store.
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Drops everything; the default when the embedding application passes no logger. */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};
