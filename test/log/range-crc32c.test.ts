import { crc32c } from '@node-rs/crc32';
import { expect } from 'chai';
import fc from 'fast-check';
import { rangeCrc32c } from '../../core/log/range-crc32c.js';

describe('range-crc32c', () => {
  describe('#rangeCrc32c', () => {
    it('equals the native crc32c of the same bytes and seed, for short and long ranges', () => {
      fc.assert(fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 0xffffffff }),
        (bytes, a, b, seed) => {
          const buf = Buffer.from(bytes);
          const start = buf.length === 0 ? 0 : a % buf.length;
          const end = start + (buf.length === start ? 0 : b % (buf.length - start + 1));
          expect(rangeCrc32c(buf, start, end, seed)).to.equal(crc32c(buf.subarray(start, end), seed));
        },
      ), { numRuns: 500 });
    });
  });
});
