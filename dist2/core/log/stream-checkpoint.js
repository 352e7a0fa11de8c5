// Per-stream last revisions, saved now and then so opening a big log scans only the tail after the checkpoint.
// Written atomically, and only for data already durable, so a checkpoint never describes bytes a crash can lose.
// A checksum guards the content: a flipped bit in a revision would otherwise silently break optimistic concurrency.
import { crc32c } from '@node-rs/crc32';
function checksum(file) {
    return crc32c(JSON.stringify({ v: file.v, salt: file.salt, offset: file.offset, streams: file.streams }));
}
export function loadCheckpoint(fs, path, salt) {
    const raw = fs.readFile(path);
    if (!raw)
        return undefined;
    try {
        const parsed = JSON.parse(raw.toString('utf8'));
        if (parsed.v !== 1 || parsed.salt !== salt || !Number.isSafeInteger(parsed.offset) || !Array.isArray(parsed.streams))
            return undefined;
        if (parsed.crc !== checksum(parsed))
            return undefined;
        return { offset: parsed.offset, streams: new Map(parsed.streams) };
    }
    catch {
        return undefined; // a damaged checkpoint only costs a longer scan
    }
}
export function saveCheckpoint(fs, path, salt, offset, streams) {
    const file = { v: 1, salt, offset, streams: [...streams] };
    file.crc = checksum(file);
    return fs.writeFileAtomic(path, Buffer.from(JSON.stringify(file)));
}
//# sourceMappingURL=stream-checkpoint.js.map