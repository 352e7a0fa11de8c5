// A log stream and its pacer: the stream asks before every chunk, and asks again after every wait, so streams told
// to wait (whose waits end together) go only when the pacer says so; it reports what each chunk cost.
import { expect } from 'chai';
import { openFileLog } from '../../core/log/file-log.js';
import { LiveRegistry } from '../../server/live-registry.js';
import { LogStream } from '../../server/log-stream.js';
import { useLogTestKit } from '../helpers/log-test-kit.js';

describe('log stream pacing', () => {
  const kit = useLogTestKit();

  it('asks the pacer again after each wait and sends nothing until it answers 0, then reports the chunk\'s cost', async () => {
    const log = await openFileLog({ dir: kit.dir(), fsync: 'none' });
    try {
      await log.appendBatch([{ stream: 's', events: Array.from({ length: 10 }, (_, i) => ({ type: 'T', data: { i } })) }]);
      const asked: number[] = [];
      const spent: number[] = [];
      let chunksAtSpent = -1;
      let chunks = 0;
      const pacer = {
        waitMs: (): number => {
          asked.push(chunks);
          return asked.length <= 3 ? 2 : 0;
        },
        spent: (ms: number): void => {
          spent.push(ms);
          if (chunksAtSpent < 0) chunksAtSpent = asked.length;
        },
      };
      const stream = new LogStream({ log, from: 0, live: false, heartbeatMs: 60_000, format: 'ndjson', registry: new LiveRegistry(), pacer });
      let body = '';
      for await (const chunk of stream) {
        chunks++;
        body += String(chunk);
      }
      // Three waits, each followed by a new question; the chunk came only after the fourth answer (0).
      expect(asked.slice(0, 4)).to.deep.equal([0, 0, 0, 0]);
      expect(chunksAtSpent).to.equal(4);
      expect(spent.length).to.be.greaterThan(0);
      expect(spent.every((ms) => ms >= 0)).to.equal(true);
      expect(body.trim().split('\n')).to.have.length(10);
    } finally {
      await log.close();
    }
  });

  it('asks the pacer again when an append wakes a live stream, before it reads the new record', async () => {
    const log = await openFileLog({ dir: kit.dir(), fsync: 'none' });
    const stream = new LogStream({
      log, from: 0, live: true, heartbeatMs: 60_000, format: 'ndjson', registry: new LiveRegistry(),
      pacer: { waitMs: () => { events.push(`ask at ${log.end}`); return 0; }, spent: () => { events.push('chunk'); } },
    });
    const events: string[] = [];
    try {
      await log.append('s', [{ type: 'First' }]);
      const chunks = stream[Symbol.asyncIterator]();
      expect(String((await chunks.next()).value)).to.include('"First"');
      const { lastOffset } = await log.append('s', [{ type: 'Second' }]);
      const endAfter = log.end;
      expect(lastOffset).to.be.lessThan(endAfter);
      expect(String((await chunks.next()).value)).to.include('"Second"');
      // Without asking again, the wake-up read the record straight away: its chunk (the last one) came before any
      // question asked with the new record in the log.
      const asked = events.indexOf(`ask at ${endAfter}`);
      expect(asked, events.join(', ')).to.be.at.least(0).and.lessThan(events.lastIndexOf('chunk'));
    } finally {
      stream.destroy();
      await log.close();
    }
  });
});
