// On a cluster node, a read naming an offset that another node appended waits for this node's copy of the log to
// reach it (read-your-writes on any node); elsewhere, and once the offset is in the log, it goes on at once.
import type { Offset } from '../core/log/event-log.js';
import type { Store } from '../core/store-api.js';
import { waitForAppend } from './wait-for-append.js';

export async function clusterCatchUp(store: Pick<Store, 'cluster' | 'log'>, offset: Offset, timeoutMs: number): Promise<void> {
  if (store.cluster !== undefined && offset >= store.log.end) await waitForAppend(store.log, offset, timeoutMs, new AbortController().signal);
}
