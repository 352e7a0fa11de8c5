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
