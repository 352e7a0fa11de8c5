/** The sub-database options for key -> offsets indexes. */
export const OFFSETS_DB = { dupSort: true, dupFixed: true, encoding: 'binary' };
const TWO_32 = 0x1_0000_0000;
const scratch = Buffer.alloc(8);
/**
 * `offset` as 8 big-endian bytes. With no `into`, a shared scratch buffer is returned: use it at once (a put inside
 * a synchronous transaction copies it), never keep it.
 */
export function encodeOffset(offset, into = scratch) {
    into.writeUInt32BE(Math.floor(offset / TWO_32), 0);
    into.writeUInt32BE(offset >>> 0, 4);
    return into;
}
export function decodeOffset(bytes) {
    const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return view.readUInt32BE(0) * TWO_32 + view.readUInt32BE(4);
}
//# sourceMappingURL=offset-codec.js.map