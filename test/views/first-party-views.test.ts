// The first-party views (streams, types, tags) as specs: given events, a query answers what the HTTP contract says.
import { expect } from 'chai';
import type { LogRecord } from '../../core/log/event-log.js';
import { streamsView, type StreamSummary } from '../../views/streams-view.js';
import { tagsView } from '../../views/tags-view.js';
import { typesView } from '../../views/types-view.js';
import { viewSpec } from '../../testing/index.js';

const events = [
  { stream: 'acct-1', type: 'Opened', tags: ['money'] },
  { stream: 'acct-2', type: 'Opened' },
  { stream: 'acct-1', type: 'Deposited', data: { amount: 5 }, tags: ['money', 'in'] },
  { stream: 'acct-1', type: 'Deposited', data: { amount: 7 } },
  { stream: 'other', type: 'Noted', tags: ['x'.repeat(1001)] },
];

const shape = (records: LogRecord[]) => records.map((r) => `${r.stream}#${r.revision}:${r.type}`);

describe('first-party views', () => {
  describe('streams', () => {
    const spec = viewSpec(streamsView()).given(events);

    it('gets a stream\'s revision, count and first/last offsets', () =>
      spec.when('get', { stream: 'acct-1' }).then((s: StreamSummary) => {
        expect(s).to.include({ stream: 'acct-1', revision: 2, count: 3 });
        expect(s.firstOffset).to.be.lessThan(s.lastOffset);
      }));

    it('answers SLUICE_ERR_VIEW_KEY_NOT_FOUND for an unknown stream', () =>
      spec.when('get', { stream: 'nope' }).thenThrows('SLUICE_ERR_VIEW_KEY_NOT_FOUND'));

    it('lists streams by prefix in name order', () =>
      spec.when('list', { prefix: 'acct-' }).then((page: { streams: StreamSummary[]; cursor: string | null }) => {
        expect(page.streams.map((s) => [s.stream, s.count])).to.deep.equal([['acct-1', 3], ['acct-2', 1]]);
        expect(page.cursor).to.equal(null);
      }));

    it('reads a stream\'s events in revision order from a revision', () =>
      spec.when('events', { stream: 'acct-1', from: 1 }).then((page: { events: LogRecord[]; next: number | null }) => {
        expect(shape(page.events)).to.deep.equal(['acct-1#1:Deposited', 'acct-1#2:Deposited']);
        expect(page.next).to.equal(null);
      }));

    it('refuses parameters outside its schema', () =>
      spec.when('events', { stream: 'acct-1', from: -1 }).thenThrows('SLUICE_ERR_VIEW_QUERY_INVALID'));
  });

  describe('types', () => {
    it('finds the records of a type, newest first with reverse', () =>
      viewSpec(typesView()).given(events).when('records', { type: 'Deposited', reverse: true })
        .then((page: { records: LogRecord[] }) => expect(shape(page.records)).to.deep.equal(['acct-1#2:Deposited', 'acct-1#1:Deposited'])));

    it('answers no records for a type never seen', () =>
      viewSpec(typesView()).given(events).when('offsets', { type: 'Closed' }).then({ offsets: [], cursor: null }));
  });

  describe('tags', () => {
    it('finds the records of a tag', () =>
      viewSpec(tagsView()).given(events).when('records', { tag: 'money' })
        .then((page: { records: LogRecord[] }) => expect(shape(page.records)).to.deep.equal(['acct-1#0:Opened', 'acct-1#1:Deposited'])));

    it('does not index tags over 1000 bytes', () =>
      viewSpec(tagsView()).given(events).when('offsets', { tag: 'x'.repeat(1001) }).then({ offsets: [], cursor: null }));
  });
});
