// The views' LMDB environment: one root env at `<dataDir>/views`, named sub-databases from it, one meta database.
// Writes go through `write()`: an abortable synchronous transaction (lmdb-js `transaction(cb)` would not roll back a
// throwing callback). Commits are not synced where a reboot can be detected (view-crash-marker.ts): views are derived,
// a process crash keeps them whole, and an OS crash makes them rebuild from the log.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { open, TransactionFlags, type DatabaseOptions, type Key, type RootDatabase } from 'lmdb';
import type { DbSpec, ViewDb, ViewDbs } from './view-definition.js';
import { META_DB, META_FORMAT, type MetaDb } from './view-meta.js';
import { SluiceError } from '../errors.js';
import { clearDeadMarkers, clearMarkers, currentBootId, leftByEarlierBoot, placeMarker } from './view-crash-marker.js';

const RAW_BINARY = {
  encode: (value: Uint8Array): Uint8Array => value,
  writeKey(key: Uint8Array, target: Uint8Array, position: number): number {
    target.set(key, position);
    return position + key.length;
  },
};

/** The environment at `path`, opened the same way by every store: scratch, writer, reader, or a worker's attach. */
function openEnv(path: string, noSync: boolean): RootDatabase {
  return open({ path, maxDbs: 512, mapSize: 1024 * 1024 * 1024, noSubdir: false, noSync });
}

const WRITE_FLAGS = TransactionFlags.ABORTABLE | TransactionFlags.SYNCHRONOUS_COMMIT | TransactionFlags.NO_SYNC_FLUSH;

export class ViewStore {
  private readonly opened = new Map<string, ViewDbs>();
  private readonly openedRaw = new Map<string, ViewDbs>();
  private closed = false;

  private constructor(
    readonly path: string,
    readonly root: RootDatabase,
    readonly meta: MetaDb,
    /** This process's unsynced-writer marker, removed once a clean close has synced everything. */
    private readonly marker: string | undefined,
  ) {}

  /**
   * `writer`: this process will commit. Writers commit without syncing when the boot can be identified (see
   * view-crash-marker.ts) and wipe views left unsynced by an earlier boot; elsewhere every commit is synced.
   * `scratch`: a throw-away environment (verification builds): never synced, no crash markers.
   */
  static open(path: string, options: { writer?: boolean; scratch?: boolean } = {}): ViewStore {
    mkdirSync(path, { recursive: true });
    if (options.scratch === true) {
      const root = openEnv(path, true);
      const meta = root.openDB<unknown, Key>({ name: META_DB });
      meta.putSync(['format'], META_FORMAT);
      return new ViewStore(path, root, meta, undefined);
    }
    const bootId = currentBootId();
    const unsynced = options.writer === true && bootId !== undefined;
    if (bootId !== undefined && leftByEarlierBoot(path, bootId)) {
      // The machine went down while views were unsynced: LMDB may be torn. The writer starts over (views rebuild
      // from the log); nobody else may read or build on it meanwhile.
      if (!unsynced) throw new SluiceError('VIEW_STORE_UNSYNCED', { dir: path });
      for (const file of ['data.mdb', 'lock.mdb']) rmSync(join(path, file), { force: true });
      clearMarkers(path);
    }
    const marker = unsynced ? placeMarker(path, bootId) : undefined;
    if (unsynced) clearDeadMarkers(path, bootId);
    const root = openEnv(path, unsynced);
    const meta = root.openDB<unknown, Key>({ name: META_DB });
    const format = meta.get(['format']);
    if (format === undefined) {
      meta.putSync(['format'], META_FORMAT);
    } else if (format !== META_FORMAT) {
      void root.close();
      if (marker) rmSync(marker, { force: true });
      throw new SluiceError('VIEW_DEFINITION_INVALID', { view: '*', reason: `the views database at ${path} has format ${String(format)}, expected ${META_FORMAT}` });
    }
    return new ViewStore(path, root, meta, marker);
  }

  /**
   * The environment another store of this process opened (`open`), seen from a worker thread: the same flags, no
   * crash marker of its own (the opener's covers it), nothing written on open. lmdb-js shares one environment
   * between the threads of a process.
   */
  static attach(path: string, options: { noSync: boolean }): ViewStore {
    const root = openEnv(path, options.noSync);
    return new ViewStore(path, root, root.openDB<unknown, Key>({ name: META_DB }), undefined);
  }

  /** Commits are not synced (a crash marker stands for them instead): what `attach` must open with. */
  get unsynced(): boolean {
    return this.marker !== undefined;
  }

  /** Another thread committed: reads on this one start from a fresh snapshot (lmdb-js keeps one per event-loop turn). */
  readFresh(): void {
    this.root.resetReadTxn();
  }

  /** Runs `fn` in one write transaction; if it throws, nothing it wrote is committed. Nested calls are child transactions. */
  write<T>(fn: () => T): T {
    return this.root.transactionSync(fn, WRITE_FLAGS);
  }

  /** The sub-databases of storage `id` (`<view>@v<version>#<build>`), created when missing. */
  dbsOf(id: string, specs: Readonly<Record<string, DbSpec>>): ViewDbs {
    let dbs = this.opened.get(id);
    if (dbs === undefined) {
      const out: Record<string, ViewDb> = {};
      for (const [name, spec] of Object.entries(specs)) {
        const db = this.root.openDB({
          name: `${id}/${name}`, dupSort: spec.dupSort ?? false, encoding: spec.encoding ?? 'msgpack', cache: false,
          ...(spec.dupFixed ? { dupFixed: true } : {}),
        } as DatabaseOptions & { name: string });
        // lmdb-js 3.5 reads `encoder.writeKey` for getValues(key, { start/end }) even when values are raw binary
        // (and has no encoder then): give binary databases a pass-through one.
        if (spec.encoding === 'binary') Object.assign(db, { encoder: RAW_BINARY });
        out[name] = db;
      }
      dbs = Object.freeze(out);
      this.opened.set(id, dbs);
    }
    return dbs;
  }

  /**
   * The same sub-databases with binary keys and values: rows exactly as stored, for checksums and row comparison.
   * Call only after `dbsOf` created them.
   */
  rawDbsOf(id: string, specs: Readonly<Record<string, DbSpec>>): ViewDbs {
    let dbs = this.openedRaw.get(id);
    if (dbs === undefined) {
      const out: Record<string, ViewDb> = {};
      for (const [name, spec] of Object.entries(specs)) {
        out[name] = this.root.openDB({
          name: `${id}/${name}`, dupSort: spec.dupSort ?? false, keyEncoding: 'binary', encoding: 'binary', cache: false,
          ...(spec.dupFixed ? { dupFixed: true } : {}),
        } as DatabaseOptions & { name: string }) as unknown as ViewDb;
      }
      dbs = Object.freeze(out);
      this.openedRaw.set(id, dbs);
    }
    return dbs;
  }

  /** Every sub-database name of the environment that belongs to storage `id`. */
  dbNamesOf(id: string): string[] {
    const names: string[] = [];
    const prefix = `${id}/`;
    for (const key of this.root.getKeys({ start: prefix, end: `${id}0` })) {
      if (typeof key === 'string' && key.startsWith(prefix)) names.push(key.slice(prefix.length));
    }
    return names;
  }

  /** Drops the sub-databases of storage `id` whole. Call inside `write()`; their handles are unusable afterwards. */
  dropStorage(id: string): void {
    const dbs = this.opened.get(id);
    this.opened.delete(id);
    this.openedRaw.delete(id);
    const names = new Set([...Object.keys(dbs ?? {}), ...this.dbNamesOf(id)]);
    for (const name of names) {
      const db = dbs?.[name] ?? this.root.openDB({ name: `${id}/${name}`, cache: false });
      db.dropSync();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.opened.clear();
    this.openedRaw.clear();
    if (this.marker) await new Promise<void>((resolve, reject) => this.syncEnv((err) => (err ? reject(err) : resolve())));
    await this.root.close();
    if (this.marker) rmSync(this.marker, { force: true });
  }

  /** Flushes every commit so far to disk (lmdb-js `sync`, missing from its type declarations). */
  private syncEnv(done: (err?: Error) => void): void {
    (this.root as unknown as { sync(callback: (err?: Error) => void): void }).sync(done);
  }
}
