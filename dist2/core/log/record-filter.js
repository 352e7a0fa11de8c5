// Which records a reader wants: exact stream, stream prefix (category), event type, tag; all given must hold.
// Matched on decoded records or straight on stored frames (no decode), with the same rule. A filter that can never
// match (an impossible stream name, a stream outside the category) is refused up front: SLUICE_ERR_LOG_FILTER_INVALID.
import { SluiceError } from '../errors.js';
import { FLAG_TAGS, MAX_TYPE_LENGTH, readBodyLayout, STREAM_NAME } from './event-codec.js';
import { FRAME_HEADER_BYTES } from './frame-codec.js';
const FIELDS = ['stream', 'category', 'type', 'tag'];
const CATEGORY = /^[A-Za-z0-9._:@-]{1,200}$/;
const LONE_SURROGATE = /\p{Cs}/u;
function invalid(reason) {
    return new SluiceError('LOG_FILTER_INVALID', { reason });
}
/** The filter in `value` (absent and empty fields dropped), or LOG_FILTER_INVALID naming what cannot match. */
export function checkFilter(value) {
    if (value === undefined || value === null)
        return {};
    if (typeof value !== 'object' || Array.isArray(value))
        throw invalid('a filter is an object {stream?, category?, type?, tag?}');
    const input = value;
    for (const key of Object.keys(input))
        if (!FIELDS.includes(key))
            throw invalid(`${key} is not a filter field (stream, category, type, tag)`);
    const out = {};
    for (const key of FIELDS) {
        const v = input[key];
        if (v === undefined)
            continue;
        if (typeof v !== 'string' || v.length === 0)
            throw invalid(`${key} must be a non-empty string`);
        out[key] = v;
    }
    if (out.stream !== undefined && !STREAM_NAME.test(out.stream))
        throw invalid(`stream ${JSON.stringify(out.stream)} can match no stream: names are 1-200 letters, digits and ._:@-`);
    if (out.category !== undefined && !CATEGORY.test(out.category))
        throw invalid(`category ${JSON.stringify(out.category)} can match no stream: names are 1-200 letters, digits and ._:@-`);
    if (out.stream !== undefined && out.category !== undefined && !out.stream.startsWith(out.category)) {
        throw invalid(`stream ${out.stream} is not in category ${out.category}: the filter can match nothing`);
    }
    if (out.type !== undefined && (out.type.length > MAX_TYPE_LENGTH || LONE_SURROGATE.test(out.type)))
        throw invalid(`type must be 1-${MAX_TYPE_LENGTH} well-formed characters`);
    return out;
}
export function isEmptyFilter(filter) {
    return filter.stream === undefined && filter.category === undefined && filter.type === undefined && filter.tag === undefined;
}
export function matchesRecord(filter, record) {
    return (filter.stream === undefined || record.stream === filter.stream)
        && (filter.category === undefined || record.stream.startsWith(filter.category))
        && (filter.type === undefined || record.type === filter.type)
        && (filter.tag === undefined || (record.tags?.includes(filter.tag) ?? false));
}
/** A test on stored frames (as visitFrames hands them out), or undefined for the empty filter (everything matches). */
export function frameMatcher(filter) {
    if (isEmptyFilter(filter))
        return undefined;
    const stream = filter.stream === undefined ? undefined : Buffer.from(filter.stream, 'latin1');
    const category = filter.category === undefined ? undefined : Buffer.from(filter.category, 'latin1');
    const type = filter.type === undefined ? undefined : Buffer.from(filter.type, 'utf8');
    const { tag } = filter;
    return (frame, at, length) => {
        const layout = readBodyLayout(frame, at + FRAME_HEADER_BYTES, at + length - 4);
        if (layout === undefined)
            return false;
        const { streamStart, streamEnd, typeEnd, metaEnd, tagsEnd, flags } = layout;
        if (stream !== undefined && (streamEnd - streamStart !== stream.length || frame.compare(stream, 0, stream.length, streamStart, streamEnd) !== 0))
            return false;
        if (category !== undefined && (streamEnd - streamStart < category.length || frame.compare(category, 0, category.length, streamStart, streamStart + category.length) !== 0))
            return false;
        if (type !== undefined && (typeEnd - streamEnd !== type.length || frame.compare(type, 0, type.length, streamEnd, typeEnd) !== 0))
            return false;
        if (tag !== undefined) {
            if ((flags & FLAG_TAGS) === 0)
                return false;
            const tags = JSON.parse(frame.toString('utf8', metaEnd, tagsEnd));
            if (!tags.includes(tag))
                return false;
        }
        return true;
    };
}
//# sourceMappingURL=record-filter.js.map