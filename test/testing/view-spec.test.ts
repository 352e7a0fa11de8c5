// sluice/testing: viewSpec runs a view (or a plugin) over given events in a temporary store and asserts query
// answers; it works under mocha (this file) and node:test (the fixture run in a child process below).
import { AssertionError } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { definePlugin } from '../../plugins/define-plugin.js';
import { defineView } from '../../core/view-engine/view-definition.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { reducerView } from '../../views/reducer-view.js';
import { specTmpDir, viewSpec } from '../../testing/index.js';

const here = dirname(fileURLToPath(import.meta.url));

const balances = keyedStateView({
  name: 'balances', version: 1,
  key: (record) => (record.type === 'Deposited' || record.type === 'Withdrawn' ? record.stream : undefined),
  initial: { balance: 0 },
  evolve: (state, record) => ({ balance: state.balance + (record.type === 'Deposited' ? 1 : -1) * (record.data as { amount: number }).amount }),
});

const lastTs = reducerView({ name: 'last-ts', version: 1, initial: 0, reduce: (_ts: number, record) => record.ts });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

function specDirs(): string[] {
  return readdirSync(specTmpDir()).filter((name) => name.startsWith('sluice-spec-'));
}

describe('viewSpec', () => {
  context('when the answer equals the expectation', () => {
    it('passes for a view given events on several streams', async () => {
      await viewSpec(balances)
        .given([
          { stream: 'acct-1', type: 'Deposited', data: { amount: 100 } },
          { stream: 'acct-2', type: 'Deposited', data: { amount: 5 } },
          { stream: 'acct-1', type: 'Withdrawn', data: { amount: 30 } },
          { stream: 'acct-1', type: 'Deposited', data: { amount: 50 } },
        ])
        .when('get', { key: 'acct-1' })
        .then({ key: 'acct-1', state: { balance: 120 } });
    });

    it('keeps the events of successive given calls in order, and takes their timestamps', async () => {
      await viewSpec(lastTs).given({ type: 'a', ts: 1000 }).given([{ type: 'b', ts: 5000 }]).when('get').then({ state: 5000 });
    });

    it('passes the answer to a check function', async () => {
      let seen: unknown;
      await viewSpec(balances).given({ stream: 'x', type: 'Deposited', data: { amount: 1 } }).when('list', {})
        .then((answer: unknown) => { seen = answer; });
      expect(seen).to.deep.equal({ entries: [{ key: 'x', state: { balance: 1 } }], cursor: null });
    });

    it('gives the answer itself through answer()', async () => {
      expect(await viewSpec(balances).given({ stream: 'x', type: 'Deposited', data: { amount: 7 } }).when('get', { key: 'x' }).answer())
        .to.deep.equal({ key: 'x', state: { balance: 7 } });
    });
  });

  context('when the answer differs', () => {
    it('fails with an AssertionError that shows both values', async () => {
      const err = await rejection(viewSpec(balances).given({ stream: 'acct-1', type: 'Deposited', data: { amount: 100 } })
        .when('get', { key: 'acct-1' }).then({ key: 'acct-1', state: { balance: 99 } }));
      expect(err).to.be.instanceOf(AssertionError);
      expect((err as AssertionError).actual).to.deep.equal({ key: 'acct-1', state: { balance: 100 } });
      expect((err as AssertionError).expected).to.deep.equal({ key: 'acct-1', state: { balance: 99 } });
    });
  });

  context('#thenThrows', () => {
    it('passes when the query fails with that code', async () => {
      await viewSpec(balances).given([]).when('get', { key: 'nobody' }).thenThrows('SLUICE_ERR_VIEW_KEY_NOT_FOUND');
      await viewSpec(balances).when('get', { nokey: 1 }).thenThrows('SLUICE_ERR_VIEW_QUERY_INVALID');
    });

    it('fails when the query answers instead', async () => {
      const err = await rejection(viewSpec(balances).given({ stream: 'a', type: 'Deposited', data: { amount: 1 } })
        .when('get', { key: 'a' }).thenThrows('SLUICE_ERR_VIEW_KEY_NOT_FOUND'));
      expect(err).to.be.instanceOf(AssertionError);
    });

    it('fails when the query throws another code', async () => {
      const err = await rejection(viewSpec(balances).when('get', { key: 'a' }).thenThrows('SLUICE_ERR_VIEW_FAILED'));
      expect(err).to.be.instanceOf(AssertionError);
      expect((err as AssertionError).actual).to.equal('SLUICE_ERR_VIEW_KEY_NOT_FOUND');
    });
  });

  context('when given a plugin', () => {
    const plugin = definePlugin({ name: 'bank', views: [balances, lastTs] });

    it('queries the view named in when', async () => {
      await viewSpec(plugin).given({ stream: 'a', type: 'Deposited', data: { amount: 3 }, ts: 42 }).when('last-ts/get').then({ state: 42 });
    });

    it('refuses a bare query name when the plugin has several views', async () => {
      const err = await rejection(viewSpec(plugin).when('get').then({}));
      expect(err).to.be.instanceOf(TypeError);
    });
  });

  context('when the view fails on an event', () => {
    it('rejects with SLUICE_ERR_VIEW_FAILED', async () => {
      const broken = defineView({ name: 'broken', version: 1, dbs: {}, apply() { throw new Error('boom'); }, queries: {} });
      const err = await rejection(viewSpec(broken).given({ type: 'x' }).when('nothing').then(null));
      expect((err as { code?: string }).code).to.equal('SLUICE_ERR_VIEW_FAILED');
    });
  });

  it('removes its temporary store after passing and after failing', async () => {
    const before = new Set(specDirs());
    await viewSpec(balances).when('get', { key: 'a' }).thenThrows('SLUICE_ERR_VIEW_KEY_NOT_FOUND');
    await rejection(viewSpec(balances).when('get', { key: 'a' }).then({}));
    expect(specDirs().filter((d) => !before.has(d))).to.deep.equal([]);
  });

  context('when run by node:test', () => {
    it('reports passing and failing specs through node:test', function () {
      this.timeout(60_000);
      const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=tap', join(here, 'fixtures', 'node-test-spec.js')], { encoding: 'utf8' });
      expect(result.stdout, result.stderr).to.match(/^# pass 2$/m);
      expect(result.stdout).to.match(/^# fail 1$/m);
      expect(result.stdout).to.match(/not ok \d+ - a wrong expectation fails/);
      expect(result.status).to.equal(1);
    });
  });
});
