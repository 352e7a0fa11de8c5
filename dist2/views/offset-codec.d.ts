import type { DbSpec } from '../core/view-engine/view-definition.js';
/** The sub-database options for key -> offsets indexes. */
export declare const OFFSETS_DB: DbSpec;
/**
 * `offset` as 8 big-endian bytes. With no `into`, a shared scratch buffer is returned: use it at once (a put inside
 * a synchronous transaction copies it), never keep it.
 */
export declare function encodeOffset(offset: number, into?: Buffer): Buffer;
export declare function decodeOffset(bytes: Uint8Array): number;
