// The flume family, as an ssb/flume user runs it: flumelog-offset (via flumedb) and async-append-only-log, each
// given arrays of 1,000 JSON events and synced once at the end; flumeview-level building an index of the events by
// account (the account index Sluice's `accounts` view holds). They are CommonJS without types, loaded by require.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { depositEvent } from '../workload.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const require = createRequire(import.meta.url);
const Flume: any = require('flumedb');
const OffsetLog: any = require('flumelog-offset');
const AsyncLog: any = require('async-append-only-log');
const FlumeviewLevel: any = require('flumeview-level');
const codec: any = require('flumecodec');
const pull: any = require('pull-stream');

const BATCH = 1000;
type Event = ReturnType<typeof depositEvent>;

function batchOf(start: number, events: number): Event[] {
  const batch: Event[] = [];
  for (let n = start; n < Math.min(events, start + BATCH); n++) batch.push(depositEvent(n));
  return batch;
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  fsyncSync(fd);
  closeSync(fd);
}

function callback<T>(run: (cb: (err: unknown, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value))));
}

export async function flumelogOffsetAppend(file: string, events: number): Promise<void> {
  const db = Flume(OffsetLog(file, { codec: codec.json }));
  for (let n = 0; n < events; n += BATCH) await callback((cb) => db.append(batchOf(n, events), cb));
  await callback((cb) => db.close(cb));
  syncFile(file);
}

export async function flumelogOffsetScan(file: string): Promise<[number, number]> {
  const db = Flume(OffsetLog(file, { codec: codec.json }));
  let count = 0;
  let sum = 0;
  await callback((cb) => pull(db.stream({ seqs: false }), pull.drain((e: Event) => { count++; sum += e.data.amount; }, cb)));
  await callback((cb) => db.close(cb));
  return [count, sum];
}

export async function asyncLogAppend(file: string, events: number): Promise<void> {
  const log = AsyncLog(file, { codec: codec.json, blockSize: 64 * 1024 });
  for (let n = 0; n < events; n += BATCH) await callback((cb) => log.append(batchOf(n, events), cb));
  await callback<void>((cb) => log.onDrain(() => cb(null, undefined)));
  await callback((cb) => log.close(cb));
  syncFile(file);
}

export async function asyncLogScan(file: string): Promise<[number, number]> {
  const log = AsyncLog(file, { codec: codec.json, blockSize: 64 * 1024 });
  let count = 0;
  let sum = 0;
  await callback<void>((cb) => log.stream({ gt: -1, offsets: false }).pipe({
    paused: false,
    write(e: Event | null) { if (e) { count++; sum += e.data.amount; } },
    end() { cb(null, undefined); },
  }));
  await callback((cb) => log.close(cb));
  return [count, sum];
}

/** Builds the account index over an existing flumelog-offset file; resolves once it has caught up with the log. */
export async function flumeviewLevelRebuild(file: string): Promise<void> {
  const db = Flume(OffsetLog(file, { codec: codec.json }))
    .use('accounts', FlumeviewLevel(1, (e: Event, seq: number) => [[e.data.account, seq]]));
  const logEnd: number = await callback((cb) => db.since.once((v: number) => cb(null, v)));
  await callback<void>((cb) => {
    const stop = db.accounts.since((v: number) => { if (v === logEnd) { cb(null, undefined); setImmediate(() => stop?.()); } });
  });
  await callback((cb) => db.close(cb));
}
