import { expect } from 'chai';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FrameEncoder } from '../../core/wire/frame-encoder.js';
import type { NewEvent } from '../../core/log/event-log.js';
import { openFileLog } from '../../core/log/file-log.js';
import { encodeNdjson } from '../../core/wire/record-json.js';
import { encodeBinaryItems, encodeSse } from '../helpers/wire-reference.js';
import { tempDir } from '../helpers/cli-fixture.js';

const json = fc.jsonValue({ maxDepth: 3 });
const event: fc.Arbitrary<NewEvent & { stream: string }> = fc.record({
  stream: fc.stringMatching(/^[A-Za-z0-9._:@-]{1,20}$/),
  type: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.constantFrom('a"b', 'back\\slash', 'tab\there', 'nl\n', '\u2028', 'ü€😀')),
  data: fc.oneof(json, fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a))),
  meta: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 3 }), { nil: undefined }),
  tags: fc.option(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }), { nil: undefined }),
  // Ids must be unique (a repeat would be deduplicated): only whether the event has one is generated.
  id: fc.option(fc.constant(true), { nil: undefined }).map((has) => (has ? randomUUID() : undefined)),
}).map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as NewEvent & { stream: string });

describe('FrameEncoder', () => {
  it('encodes every record exactly as encodeNdjson, encodeSse and encodeBinaryItems do, without decoding it', async () => {
    const tmp = tempDir();
    const log = await openFileLog({ dir: join(tmp.dir, 'log'), fsync: 'none' });
    try {
      await fc.assert(fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 20 }), async (events) => {
        const from = log.end;
        await log.appendBatch(events.map(({ stream, ...e }) => ({ stream, events: [e] })));
        const records = log.readBatch(from, { maxBytes: Infinity }).records;
        const expected = {
          ndjson: Buffer.from(records.map(encodeNdjson).join('')),
          sse: Buffer.from(records.map(encodeSse).join('')),
          binary: encodeBinaryItems(records),
        };
        for (const format of ['ndjson', 'sse', 'binary'] as const) {
          const encoder = new FrameEncoder({}, format);
          const next = log.visitFrames(from, { maxBytes: Infinity }, (buf, at, offset, length) => encoder.encode(buf, at, offset, length));
          expect(next).to.equal(log.end);
          expect(encoder.take().equals(expected[format]), format).to.equal(true);
        }
      }), { numRuns: 150 });
    } finally {
      await log.close();
      tmp.remove();
    }
  });

  it('hands out small chunks in memory of their own, so a slow reader queueing them never pins whole buffers', async () => {
    const tmp = tempDir();
    const log = await openFileLog({ dir: join(tmp.dir, 'log'), fsync: 'none' });
    try {
      const encoder = new FrameEncoder({}, 'sse');
      const chunks: Buffer[] = [];
      for (let i = 0; i < 50; i++) {
        const { lastOffset } = await log.append('s', { type: 'T', data: i });
        log.visitFrames(lastOffset, {}, (buf, at, offset, length) => encoder.encode(buf, at, offset, length));
        chunks.push(encoder.take());
      }
      for (const chunk of chunks) expect(chunk.buffer.byteLength).to.be.below(64 * 1024);
      expect(chunks.map((c) => c.toString()).join('')).to.equal(log.readBatch(log.start).records.map(encodeSse).join(''));
    } finally {
      await log.close();
      tmp.remove();
    }
  });

  it('filters by stream and type on the frame bytes', async () => {
    const tmp = tempDir();
    const log = await openFileLog({ dir: join(tmp.dir, 'log'), fsync: 'none' });
    try {
      await log.appendBatch([
        { stream: 'a', events: [{ type: 'X', data: 1 }, { type: 'Y', data: 2 }] },
        { stream: 'ab', events: [{ type: 'X', data: 3 }] },
      ]);
      const encoder = new FrameEncoder({ stream: Buffer.from('a'), type: Buffer.from('X') });
      log.visitFrames(log.start, {}, (buf, at, offset, length) => !encoder.matches(buf, at, length) || encoder.encode(buf, at, offset, length));
      expect(encoder.take().toString().trim().split('\n').map((l) => JSON.parse(l).data)).to.deep.equal([1]);
    } finally {
      await log.close();
      tmp.remove();
    }
  });
});
