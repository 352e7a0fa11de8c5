import type { ExpectedRevision, NewEvent } from '../core/log/event-log.js';
export declare function readAll(input: NodeJS.ReadableStream): Promise<Buffer>;
/** Non-empty NDJSON lines as parsed objects; a line that is not a JSON object fails with its number. */
export declare function readNdjson(input: NodeJS.ReadableStream): AsyncGenerator<{
    line: number;
    value: Record<string, unknown>;
}>;
/** An event from an NDJSON object: {type, id?, data, encoding?, meta?, tags?, ts?}; base64 data comes back as bytes. */
export declare function eventFromJson(value: Record<string, unknown>, line: number, defaults?: {
    type?: string;
    keepTs?: boolean;
}): NewEvent;
export interface PendingWrite {
    readonly stream: string;
    readonly events: NewEvent[];
    readonly expectedRevision?: ExpectedRevision;
}
/** Adds `event` to the last write when it is for the same stream, else starts a write: line order is log order. */
export declare function addToWrites(writes: PendingWrite[], stream: string, event: NewEvent, expectedRevision?: ExpectedRevision): void;
