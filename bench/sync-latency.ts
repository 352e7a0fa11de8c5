// The disk's durable-write round trip: one small write and its fdatasync, one after another, in a folder on the disk
// the benchmark's data lives on. A single-event append in `fsync` mode waits for at least one such round trip.
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Mean milliseconds of a 120-byte write plus `fdatasync`, over about `ms` milliseconds in `dir`. */
export function syncRoundTripMs(dir: string, ms = 2000): number {
  const file = join(dir, 'sync-latency.tmp');
  const fd = openSync(file, 'w');
  const record = Buffer.alloc(120, 0x61);
  try {
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < ms) {
      writeSync(fd, record);
      fdatasyncSync(fd);
      count++;
    }
    return (performance.now() - started) / count;
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
}

/**
 * The most a closed loop of `connections` clients can get of single durable appends, as a ratio to a route that does
 * no I/O answering `reference` requests/s on the same connections: each request takes at least that route's time
 * (connections / reference) plus one durable-write round trip.
 */
export function latencyBoundRatio(reference: number, connections: number, syncMs: number): number {
  const referenceMs = (connections / reference) * 1000;
  return referenceMs / (referenceMs + syncMs);
}
