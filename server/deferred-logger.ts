// The store opens before the Fastify app (and its logger) exists: its messages (view rebuilds, failures) are held
// here and go to the app's logger once it is built, so nothing the store says at start-up is lost.
import type { Logger } from '../core/logger.js';

type Level = 'info' | 'warn' | 'error';

export class DeferredLogger implements Logger {
  private target: Logger | undefined;
  private held: [Level, object, string | undefined][] = [];

  info(obj: object, msg?: string): void {
    this.emit('info', obj, msg);
  }

  warn(obj: object, msg?: string): void {
    this.emit('warn', obj, msg);
  }

  error(obj: object, msg?: string): void {
    this.emit('error', obj, msg);
  }

  /** Sends what was held, then everything from now on, to `target`. */
  attach(target: Logger): void {
    this.target = target;
    for (const [level, obj, msg] of this.held.splice(0)) target[level](obj, msg);
  }

  private emit(level: Level, obj: object, msg: string | undefined): void {
    if (this.target) this.target[level](obj, msg);
    else this.held.push([level, obj, msg]);
  }
}
