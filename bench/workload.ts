// The shared benchmark workload: ~100-byte JSON deposit events across 10,000 account streams.
import type { StreamWrite } from '../core/log/event-log.js';

export const ACCOUNTS = 10_000;

export function depositBatch(startIndex: number, size: number): StreamWrite[] {
  const writes: StreamWrite[] = new Array(size);
  for (let i = 0; i < size; i++) {
    const n = startIndex + i;
    const account = `acct-${n % ACCOUNTS}`;
    writes[i] = { stream: account, events: [{ type: 'deposit', data: { type: 'deposit', account, amount: (n * 7919) % 1000 } }] };
  }
  return writes;
}

/** The same event as one JSON value, as logs without streams or types of their own store it (~97 bytes as JSON). */
export function depositEvent(n: number): { stream: string; type: string; data: { type: string; account: string; amount: number } } {
  const account = `acct-${n % ACCOUNTS}`;
  return { stream: account, type: 'deposit', data: { type: 'deposit', account, amount: (n * 7919) % 1000 } };
}
