// The reader pacer: streams go unpaced while nothing else needs the loop, share a small budget of chunks while
// appends are in flight (and shortly after), and wait (with jitter, bounded) while the event loop lags (much more,
// with no append).
import { expect } from 'chai';
import { ReaderPacer } from '../../server/reader-pacer.js';

function blockLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* busy: the event loop lags */ }
}

async function sampled(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('reader pacer', () => {
  const pacers: ReaderPacer[] = [];
  afterEach(() => { for (const pacer of pacers.splice(0)) pacer.close(); });
  const pacer = (fromLagMs: number): ReaderPacer => {
    const made = new ReaderPacer(fromLagMs, () => 0.5);
    pacers.push(made);
    return made;
  };

  it('lets streams go at once while no append is in flight and the loop keeps up', async () => {
    const p = pacer(50);
    await sampled(50);
    expect([p.waitMs(), p.waitMs(), p.waitMs()]).to.deep.equal([0, 0, 0]);
  });

  it('gives streams one chunk per window while an append is in flight and for a moment after, then none of it', async () => {
    const p = pacer(10_000);
    const ended = p.writerStarted();
    expect(p.writers).to.equal(1);
    expect(p.waitMs()).to.equal(0);
    expect(p.waitMs()).to.be.greaterThan(0);
    ended();
    ended(); // counted once
    expect(p.writers).to.equal(0);
    // The writer's next request is on its way: streams stay on the budget meanwhile.
    await sampled(15);
    expect([p.waitMs(), p.waitMs()].map((w) => w > 0)).to.deep.equal([false, true]);
    await sampled(300);
    expect([p.waitMs(), p.waitMs(), p.waitMs()]).to.deep.equal([0, 0, 0]);
  });

  it('spaces chunks while appends are in flight, each waiting three times as long as the last one took', async () => {
    const p = pacer(10_000);
    p.writerStarted();
    expect(p.waitMs()).to.equal(0);
    p.spent(8);
    expect(p.waitMs()).to.be.within(20, 50);
    await sampled(30);
    expect(p.waitMs()).to.equal(0);
  });

  it('stops streams for the turn of the loop once their chunks took 20 ms in it, and lets them go in the next', async () => {
    const p = pacer(10_000);
    p.spent(12);
    expect(p.waitMs()).to.equal(0);
    p.spent(12);
    expect([p.waitMs(), p.waitMs()]).to.deep.equal([1, 1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(p.waitMs()).to.equal(0);
  });

  it('makes every stream wait, growing with the lag and bounded, while the event loop lags with an append in flight', async () => {
    const p = pacer(50);
    p.writerStarted();
    await sampled(30);
    blockLoop(150);
    await sampled(30);
    expect(p.lagMs).to.be.at.least(100);
    const wait = p.waitMs();
    expect(wait).to.be.at.least(p.lagMs).and.at.most(500);
  });

  it('lets a stream that waited 500 ms go despite the lag, within the writers\' and the turn\'s budgets', async () => {
    const p = pacer(50);
    p.writerStarted();
    await sampled(30);
    blockLoop(150);
    await sampled(30);
    expect(p.waitMs(0)).to.be.greaterThan(0);
    expect(p.waitMs(499)).to.be.greaterThan(0);
    expect(p.waitMs(500)).to.equal(0);
    expect(p.waitMs(500)).to.be.greaterThan(1); // the writers' window: the next grant comes later
    p.spent(25);
    expect(p.waitMs(500)).to.equal(1);
  });

  it('lets streams alone go through a lag they cause themselves, and waits only past four times the limit', async () => {
    const p = pacer(50);
    await sampled(30);
    blockLoop(120);
    await sampled(30);
    expect(p.lagMs).to.be.within(100, 199);
    expect(p.waitMs()).to.equal(0);
    blockLoop(260);
    await sampled(30);
    expect(p.lagMs).to.be.at.least(200);
    expect(p.waitMs()).to.be.at.least(p.lagMs).and.at.most(500);
  });

  it('never paces when turned off (readerPaceLagMs 0)', async () => {
    const p = pacer(0);
    p.writerStarted();
    blockLoop(100);
    await sampled(30);
    expect([p.waitMs(), p.waitMs()]).to.deep.equal([0, 0]);
  });
});
