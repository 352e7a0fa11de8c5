// Queries of the view kinds and first-party views: key selections, directions and cursor pages checked against a
// model (property-based), and the streams view's contract shapes.
import { expect } from 'chai';
import fc from 'fast-check';
import { definePlugin } from '../../plugins/define-plugin.js';
import { indexView, MAX_INDEX_KEY_BYTES } from '../../views/index-view.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { reducerView } from '../../views/reducer-view.js';
import { expectCode } from '../helpers/log-test-kit.js';
import { SeededRandom } from '../helpers/seeded-random.js';
import { useViewTestKit } from '../helpers/view-test-kit.js';
const KEYS = ['a', 'ab', 'abc', 'b', 'ba', 'bb', 'c', 'é', 'éa', 'z', 'zz'];
const keysOf = (record) => record.data?.keys;
const byBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
function selects(sel, key) {
    if (sel.key !== undefined)
        return key === sel.key;
    if (sel.prefix !== undefined && !key.startsWith(sel.prefix))
        return false;
    if (sel.gte !== undefined && byBytes(key, sel.gte) < 0)
        return false;
    if (sel.gt !== undefined && byBytes(key, sel.gt) <= 0)
        return false;
    if (sel.lte !== undefined && byBytes(key, sel.lte) > 0)
        return false;
    if (sel.lt !== undefined && byBytes(key, sel.lt) >= 0)
        return false;
    return true;
}
async function pages(store, view, query, params, field) {
    const out = [];
    let cursor;
    do {
        const page = (await store.views.query(view, query, { ...params, ...(cursor ? { cursor } : {}) }));
        out.push(...page[field]);
        cursor = page.cursor;
    } while (cursor);
    return out;
}
describe('view kinds', () => {
    const kit = useViewTestKit();
    describe('indexView', () => {
        it('finds exactly the model\'s entries for any key selection, direction and page size', async () => {
            const store = await kit.open({
                dataDir: kit.dir(),
                plugins: [definePlugin({ name: 'p', views: [indexView({ name: 'idx', version: 1, keys: keysOf })] })],
            });
            const random = new SeededRandom(21);
            const entries = [];
            for (let i = 0; i < 150; i++) {
                const keys = Array.from({ length: random.int(0, 3) }, () => random.pick(KEYS));
                const { lastOffset } = await store.append('s', { type: 't', data: { keys } });
                for (const key of new Set(keys))
                    entries.push({ key, offset: lastOffset });
            }
            await store.views.idle();
            const keyArb = fc.constantFrom(...KEYS, 'aa', 'b\u{10ffff}', '');
            const selectionArb = fc.oneof(fc.record({ key: fc.constantFrom(...KEYS) }), fc.record({ prefix: keyArb }, { requiredKeys: [] }), fc.record({ gte: keyArb, gt: keyArb, lte: keyArb, lt: keyArb }, { requiredKeys: [] }), fc.record({ prefix: keyArb, gt: keyArb, lt: keyArb }, { requiredKeys: [] }));
            await fc.assert(fc.asyncProperty(selectionArb, fc.boolean(), fc.integer({ min: 1, max: 40 }), async (sel, reverse, limit) => {
                const expected = entries.filter((e) => selects(sel, e.key))
                    .sort((x, y) => byBytes(x.key, y.key) || x.offset - y.offset)
                    .map((e) => e.offset);
                if (reverse)
                    expected.reverse();
                const got = await pages(store, 'idx', 'offsets', { ...sel, reverse, limit }, 'offsets');
                expect(got).to.deep.equal(expected);
            }), { numRuns: 150 });
            const records = (await store.views.query('idx', 'records', { key: 'ab', limit: 2 }));
            for (const record of records.records)
                expect(keysOf(record)).to.include('ab');
        });
        it('rejects keys that are not strings or are too long, failing the view with a clear reason', async () => {
            const store = await kit.open({
                dataDir: kit.dir(),
                plugins: [definePlugin({ name: 'p', views: [
                            indexView({ name: 'long', version: 1, keys: keysOf }),
                            indexView({ name: 'typed', version: 1, keys: (r) => r.data.n }),
                        ] })],
            });
            await store.append('s', { type: 't', data: { keys: ['x'.repeat(MAX_INDEX_KEY_BYTES + 1)], n: [7] } });
            await store.views.idle();
            expect(store.views.statusOf('long').error?.message).to.match(/exceeds/);
            expect(store.views.statusOf('typed').error?.message).to.match(/non-empty strings/);
        });
    });
    describe('keyedStateView', () => {
        it('folds each key\'s records, deletes a key when evolve returns undefined, and pages keys by range', async () => {
            const counters = keyedStateView({
                name: 'counters', version: 1,
                key: (r) => r.data?.keys,
                initial: { n: 0 },
                evolve: (state, record) => (record.type === 'reset' ? undefined : { n: state.n + 1 }),
            });
            const store = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views: [counters] })] });
            await store.append('s', [
                { type: 'inc', data: { keys: ['a', 'b', 'b'] } },
                { type: 'inc', data: { keys: ['b', 'c'] } },
                { type: 'inc', data: { keys: 'd' } },
                { type: 'reset', data: { keys: ['c'] } },
                { type: 'inc', data: null },
            ]);
            await store.views.idle();
            expect(await store.views.query('counters', 'get', { key: 'b' })).to.deep.equal({ key: 'b', state: { n: 2 } });
            await expectCode(() => store.views.query('counters', 'get', { key: 'c' }), 'SLUICE_ERR_VIEW_KEY_NOT_FOUND');
            expect(await pages(store, 'counters', 'list', { limit: 1 }, 'entries')).to.deep.equal([
                { key: 'a', state: { n: 1 } }, { key: 'b', state: { n: 2 } }, { key: 'd', state: { n: 1 } },
            ]);
            expect(await store.views.query('counters', 'list', { gt: 'a', reverse: true })).to.deep.equal({
                entries: [{ key: 'd', state: { n: 1 } }, { key: 'b', state: { n: 2 } }], cursor: null,
            });
        });
    });
    describe('reducerView', () => {
        it('folds every record into one state and answers the initial state before any record', async () => {
            const counts = reducerView({
                name: 'counts', version: 1, initial: {},
                reduce: (state, record) => ({ ...state, [record.type]: (state[record.type] ?? 0) + 1 }),
            });
            const store = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views: [counts] })] });
            expect(await store.views.query('counts', 'get', {})).to.deep.equal({ state: {} });
            await store.append('s', [{ type: 'a' }, { type: 'b' }, { type: 'a' }]);
            await store.views.idle();
            expect(await store.views.query('counts', 'get', {})).to.deep.equal({ state: { a: 2, b: 1 } });
        });
    });
    describe('streams view', () => {
        it('summarizes streams, lists them by prefix in pages, and reads a stream in revision order from any revision', async () => {
            const store = await kit.open({ dataDir: kit.dir() });
            const a = await store.append('acct-a', [{ type: 'x' }, { type: 'y' }, { type: 'z' }]);
            await store.append('other', { type: 'x' });
            const a2 = await store.append('acct-a', { type: 'w' });
            await store.append('acct-b', { type: 'x' });
            await store.views.idle();
            expect(await store.views.query('streams', 'get', { stream: 'acct-a' })).to.deep.equal({
                stream: 'acct-a', revision: 3, count: 4, firstOffset: a.offsets[0], lastOffset: a2.lastOffset,
            });
            const err = await expectCode(() => store.views.query('streams', 'get', { stream: 'nope' }), 'SLUICE_ERR_VIEW_KEY_NOT_FOUND');
            expect(err.details).to.include({ view: 'streams', stream: 'nope' });
            const listed = (await pages(store, 'streams', 'list', { prefix: 'acct-', limit: 1 }, 'streams'));
            expect(listed.map((s) => s.stream)).to.deep.equal(['acct-a', 'acct-b']);
            expect((await store.views.query('streams', 'list', {})).streams).to.have.length(3);
            const first = (await store.views.query('streams', 'events', { stream: 'acct-a', limit: '2' }));
            expect(first.events.map((e) => e.revision)).to.deep.equal([0, 1]);
            expect(first.next).to.equal(2);
            const rest = (await store.views.query('streams', 'events', { stream: 'acct-a', from: first.next }));
            expect(rest.events.map((e) => [e.revision, e.type])).to.deep.equal([[2, 'z'], [3, 'w']]);
            expect(rest.next).to.equal(null);
            expect(await store.views.query('streams', 'events', { stream: 'acct-a', from: 9 })).to.deep.equal({ stream: 'acct-a', events: [], next: null });
            await expectCode(() => store.views.query('streams', 'events', { stream: 'nope' }), 'SLUICE_ERR_VIEW_KEY_NOT_FOUND');
        });
    });
    describe('types and tags views', () => {
        it('find records by type and by tag, oldest or newest first, in cursor pages', async () => {
            const store = await kit.open({ dataDir: kit.dir() });
            const r = await store.append('s', [
                { type: 'opened', tags: ['eu', 'vip'] }, { type: 'paid', tags: ['eu'] }, { type: 'opened' }, { type: 'closed', tags: ['x'.repeat(2000)] },
            ]);
            await store.views.idle();
            const opened = (await pages(store, 'types', 'records', { type: 'opened', limit: 1 }, 'records'));
            expect(opened.map((e) => e.offset)).to.deep.equal([r.offsets[0], r.offsets[2]]);
            const eu = (await store.views.query('tags', 'records', { tag: 'eu', reverse: true }));
            expect(eu.records.map((e) => e.offset)).to.deep.equal([r.offsets[1], r.offsets[0]]);
            expect(store.views.statusOf('tags').state).to.equal('ready');
            await expectCode(() => store.views.query('types', 'records', {}), 'SLUICE_ERR_VIEW_QUERY_INVALID');
        });
    });
});
//# sourceMappingURL=view-kinds.test.js.map