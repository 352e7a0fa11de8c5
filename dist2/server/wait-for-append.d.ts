import type { EventLog, Offset } from '../core/log/event-log.js';
export type WaitOutcome = 'append' | 'timeout' | 'abort';
export declare function waitForAppend(log: EventLog, cursor: Offset, timeoutMs: number, signal: AbortSignal): Promise<WaitOutcome>;
