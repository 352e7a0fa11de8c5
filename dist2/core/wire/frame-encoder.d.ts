export interface FrameFilter {
    /** Only records of this stream (its UTF-8 bytes). */
    readonly stream?: Buffer;
    /** Only records of this type (its UTF-8 bytes). */
    readonly type?: Buffer;
}
export type FrameFormat = 'ndjson' | 'sse' | 'binary';
export declare class FrameEncoder {
    private readonly filter;
    private readonly format;
    private buf;
    private pos;
    constructor(filter?: FrameFilter, format?: FrameFormat);
    /** Bytes encoded and not yet taken. */
    get pending(): number;
    /** The encoded bytes so far, in memory of their own; the encoder continues into a buffer the caller never sees. */
    take(): Buffer;
    /** Whether the record passes the filter. */
    matches(frame: Buffer, at: number, length: number): boolean;
    /**
     * Appends the record's line; false (nothing written) when the buffer lacks room and holds something: take() it
     * and encode again. A record larger than a whole buffer gets a buffer of its own.
     */
    encode(frame: Buffer, at: number, offset: number, length: number): boolean;
}
