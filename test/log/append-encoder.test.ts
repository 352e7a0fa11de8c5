import { expect } from 'chai';
import fc from 'fast-check';
import { AppendEncoder } from '../../core/log/append-encoder.js';
import { prepareEvent } from '../../core/log/event-codec.js';
import { frameBytes, stampFrame, writeFrame } from '../../core/log/frame-codec.js';
import { eventArb, streamNameArb } from '../helpers/event-arbitraries.js';

const MAX_BODY = 1 << 20;
const NOW = 1_700_000_000_000;

describe('append-encoder', () => {
  describe('#add', () => {
    it('encodes frames that, once stamped, are byte for byte what writeFrame writes (the format on disk is unchanged)', () => {
      const encoder = new AppendEncoder(MAX_BODY);
      fc.assert(fc.property(
        fc.array(fc.tuple(streamNameArb, eventArb), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xfffff000 }),
        (events, start, salt, revision) => {
          encoder.begin();
          for (const [stream, event] of events) encoder.add(stream, event, NOW);
          const frames = encoder.finish();
          const expected: Buffer[] = [];
          let pos = 0;
          events.forEach(([stream, event], i) => {
            const prepared = prepareEvent(stream, event, NOW);
            const one = Buffer.alloc(frameBytes(prepared.bodyBytes));
            const commit = i === events.length - 1;
            writeFrame(one, 0, start + pos, salt, start, prepared, revision + i, commit);
            expect(stampFrame(frames, pos, start + pos, salt, start, revision + i, commit)).to.equal(one.length);
            expected.push(one);
            pos += one.length;
          });
          expect(Buffer.compare(frames, Buffer.concat(expected))).to.equal(0);
        },
      ), { numRuns: 300 });
    });

    it('refuses an event whose body exceeds the record limit, naming its size', () => {
      const encoder = new AppendEncoder(1000);
      encoder.begin();
      expect(() => encoder.add('s', { type: 't', data: 'x'.repeat(2000) }, NOW)).to.throw().with.property('code', 'SLUICE_ERR_LOG_RECORD_TOO_LARGE');
      expect(() => encoder.add('s', { type: 't', data: Buffer.alloc(2000) }, NOW)).to.throw().with.property('code', 'SLUICE_ERR_LOG_RECORD_TOO_LARGE');
      expect(() => encoder.add('s', { type: 't', data: 'x'.repeat(100_000) }, NOW)).to.throw().with.property('code', 'SLUICE_ERR_LOG_RECORD_TOO_LARGE');
    });
  });
});
