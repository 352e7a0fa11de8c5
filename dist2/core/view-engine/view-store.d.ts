import { type RootDatabase } from 'lmdb';
import type { DbSpec, ViewDbs } from './view-definition.js';
import { type MetaDb } from './view-meta.js';
export declare class ViewStore {
    readonly path: string;
    readonly root: RootDatabase;
    readonly meta: MetaDb;
    /** This process's unsynced-writer marker, removed once a clean close has synced everything. */
    private readonly marker;
    private readonly opened;
    private closed;
    private constructor();
    /**
     * `writer`: this process will commit. Writers commit without syncing when the boot can be identified (see
     * view-crash-marker.ts) and wipe views left unsynced by an earlier boot; elsewhere every commit is synced.
     */
    static open(path: string, options?: {
        writer?: boolean;
    }): ViewStore;
    /** Runs `fn` in one write transaction; if it throws, nothing it wrote is committed. Nested calls are child transactions. */
    write<T>(fn: () => T): T;
    /** The sub-databases of storage `id` (`<view>@v<version>#<build>`), created when missing. */
    dbsOf(id: string, specs: Readonly<Record<string, DbSpec>>): ViewDbs;
    /** Every sub-database name of the environment that belongs to storage `id`. */
    dbNamesOf(id: string): string[];
    /** Drops the sub-databases of storage `id` whole. Call inside `write()`; their handles are unusable afterwards. */
    dropStorage(id: string): void;
    get isClosed(): boolean;
    close(): Promise<void>;
    /** Flushes every commit so far to disk (lmdb-js `sync`, missing from its type declarations). */
    private syncEnv;
}
