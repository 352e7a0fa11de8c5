import type { Database, Key } from 'lmdb';
import type { Offset } from '../log/event-log.js';
export declare const META_DB = "sluice:meta";
export declare const META_FORMAT = 1;
export type StorageState = 'building' | 'ready' | 'failed';
/** Identifies the last applied record, so a log that lost its tail and grew again is not mistaken for the same log. */
export interface RecordMark {
    readonly stream: string;
    readonly revision: number;
    readonly ts: number;
}
export interface StorageMeta {
    readonly view: string;
    readonly version: number;
    readonly build: number;
    /** `building`: filling from the log start, not yet caught up; `ready`: caught up at least once; `failed`: apply threw. */
    readonly state: StorageState;
    /** Offset of the last applied record; null before the first. */
    readonly position: Offset | null;
    /** Where to continue: the last applied record's `next` (the log start before the first). */
    readonly next: Offset;
    readonly last: RecordMark | null;
    /** Records applied so far. */
    readonly records: number;
    readonly error: {
        readonly message: string;
        readonly offset: Offset | null;
    } | null;
    readonly createdAt: number;
    readonly readyAt: number | null;
    /** Who created the build, for humans (`server pid 123`, `reindex pid 456`). */
    readonly builder: string;
}
export type MetaDb = Database<unknown, Key>;
export declare function storageKey(view: string, build: number): Key;
export declare function activeKey(view: string): Key;
/** `<view>@v<version>#<build>`: the prefix of the storage's sub-database names. */
export declare function storageId(meta: Pick<StorageMeta, 'view' | 'version' | 'build'>): string;
export declare function readStorage(meta: MetaDb, view: string, build: number): StorageMeta | undefined;
/** Every storage of `view`, oldest build first. */
export declare function listStorages(meta: MetaDb, view: string): StorageMeta[];
/** Names of every view with storages or an active pointer. */
export declare function listViewNames(meta: MetaDb): string[];
export declare function readActive(meta: MetaDb, view: string): number | undefined;
/** Creates a new, empty storage row. Call inside a write transaction. */
export declare function createStorage(meta: MetaDb, view: string, version: number, start: Offset, builder: string): StorageMeta;
export declare function writeStorage(meta: MetaDb, row: StorageMeta): void;
