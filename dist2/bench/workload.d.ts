import type { StreamWrite } from '../core/log/event-log.js';
export declare const ACCOUNTS = 10000;
export declare function depositBatch(startIndex: number, size: number): StreamWrite[];
