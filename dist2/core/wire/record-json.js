export function recordToJson(record) {
    const out = { offset: record.offset, stream: record.stream, revision: record.revision, type: record.type, ts: record.ts };
    if (record.id !== undefined)
        out.id = record.id;
    if (record.binary) {
        out.data = Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength).toString('base64');
        out.encoding = 'base64';
    }
    else {
        out.data = record.data === undefined ? null : record.data;
    }
    if (record.meta !== undefined)
        out.meta = record.meta;
    if (record.tags !== undefined)
        out.tags = record.tags;
    // `next` last, so a reader sees the record first.
    out.next = record.next;
    return out;
}
/** True for the records core hands out, so query results holding them can be rendered like log reads. */
export function isLogRecord(value) {
    return typeof value === 'object' && value !== null && typeof value.offset === 'number'
        && typeof value.binary === 'boolean' && typeof value.stream === 'string';
}
/** JSON.stringify replacer that renders any LogRecord inside a value as a RecordJson. */
export function recordReplacer(_key, value) {
    return isLogRecord(value) ? recordToJson(value) : value;
}
/**
 * The record as one line of JSON, equal to JSON.stringify(recordToJson(record)) but built directly: the streaming
 * formats encode hundreds of thousands of records a second. Stream names need no escaping (the log only accepts
 * letters, digits and ._:@-).
 */
export function recordLine(record) {
    let line = '{"offset":' + record.offset + ',"stream":"' + record.stream + '","revision":' + record.revision
        + ',"type":' + JSON.stringify(record.type) + ',"ts":' + record.ts + (record.id === undefined ? '' : ',"id":"' + record.id + '"') + ',"data":';
    if (record.binary) {
        const bytes = record.data;
        line += '"' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') + '","encoding":"base64"';
    }
    else {
        line += JSON.stringify(record.data === undefined ? null : record.data);
    }
    if (record.meta !== undefined)
        line += ',"meta":' + JSON.stringify(record.meta);
    if (record.tags !== undefined)
        line += ',"tags":' + JSON.stringify(record.tags);
    return line + ',"next":' + record.next + '}';
}
export function encodeNdjson(record) {
    return recordLine(record) + '\n';
}
//# sourceMappingURL=record-json.js.map