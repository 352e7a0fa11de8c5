// Where the log browser's records come from. Oldest first reads GET /log pages; newest first uses what the server
// offers: the types/tags views (reverse) for a type or tag filter, the streams view for a stream, and otherwise the
// offsets the console already knows (one forward pass over GET /log collects them). Filters go to the server when its
// OpenAPI document says GET /log takes them, and are always applied here too, so both kinds of server give one answer.
import { api, qs, takesParam } from './api.js';

export function matches(record, filters) {
  return (!filters.stream || record.stream === filters.stream)
    && (!filters.type || record.type === filters.type)
    && (!filters.tag || (record.tags ?? []).includes(filters.tag));
}

/** The filters GET /log understands on this server (none before log filters were added). */
export async function serverFilters(filters) {
  const out = {};
  for (const name of ['stream', 'type', 'tag']) {
    if (filters[name] && (await takesParam('/log', name))) out[name] = filters[name];
  }
  return out;
}

/** One oldest-first page from `from` (undefined: the log start): {records, next, end, scanned}. */
export async function forwardPage(from, limit, filters) {
  const page = await api(`/log${qs({ from, limit, ...(await serverFilters(filters)) })}`);
  return { records: page.records.filter((r) => matches(r, filters)), next: page.next, end: page.end, scanned: page.records.length, more: page.next < page.end };
}

/** Every record offset from the log start to its end, read forward once (cached and extended by later calls). */
const known = { offsets: [], next: undefined };
async function knownOffsets() {
  for (;;) {
    const page = await api(`/log${qs({ from: known.next, limit: 1000 })}`);
    for (const r of page.records) known.offsets.push(r.offset);
    known.next = page.next;
    if (page.records.length === 0 || page.next >= page.end) return known.offsets;
  }
}

/**
 * One newest-first page. `cursor` is undefined for the newest page, else what the previous page returned.
 * Answers {records (newest first), cursor (for the next older page, or null), how (the route used)}.
 */
export async function backwardPage(cursor, limit, filters) {
  if (filters.type || filters.tag) {
    const [view, key] = filters.type ? ['types', { type: filters.type }] : ['tags', { tag: filters.tag }];
    const answer = await api(`/views/${view}/records${qs({ ...key, reverse: true, limit, cursor })}`);
    return { records: answer.records.filter((r) => matches(r, filters)), cursor: answer.cursor, how: `the ${view} view, newest first` };
  }
  if (filters.stream) {
    const name = encodeURIComponent(filters.stream);
    if (await takesParam('/streams/{stream}', 'direction')) {
      const answer = await api(`/streams/${name}${qs({ direction: 'backward', from: cursor, limit })}`);
      return { records: answer.events, cursor: answer.next ?? null, how: 'the stream, read backward' };
    }
    const last = cursor ?? (await api(`/views/streams/get${qs({ stream: filters.stream })}`)).revision;
    const from = Math.max(0, last - limit + 1);
    const answer = await api(`/streams/${name}${qs({ from, limit: last - from + 1 })}`);
    return { records: answer.events.reverse(), cursor: from > 0 ? from - 1 : null, how: 'the stream, by revision' };
  }
  const offsets = await knownOffsets();
  const upTo = cursor ?? offsets.length;
  const start = Math.max(0, upTo - limit);
  if (upTo === 0) return { records: [], cursor: null, how: 'offsets read forward once' };
  const page = await api(`/log${qs({ from: offsets[start], limit: upTo - start })}`);
  return { records: page.records.reverse(), cursor: start > 0 ? start : null, how: 'offsets read forward once' };
}

/**
 * Follows the log live over SSE from `from`. EventSource cannot send headers, so it carries a short-lived token
 * from POST /auth/sse-token; when the stream drops for good (the token expired before a reconnect), a new token is
 * minted and the stream resumes right after the last record seen. A `gap` event (records removed by retention before
 * the tail read them) goes to onGap. Answers a stop function.
 */
export function followLog(from, filters, { onRecord, onState, onGap }) {
  let source;
  let lastSeen;
  let stopped = false;
  let retry;
  const open = async () => {
    try {
      const { token } = await api('/auth/sse-token', { method: 'POST' });
      if (stopped) return;
      const position = lastSeen === undefined ? { from } : { after: lastSeen };
      source = new EventSource(`/log${qs({ live: true, ...position, ...(await serverFilters(filters)), token })}`);
      source.addEventListener('open', () => onState('live'));
      source.addEventListener('record', (event) => {
        const record = JSON.parse(event.data);
        lastSeen = record.offset;
        if (matches(record, filters)) onRecord(record);
      });
      // Retention removed records the tail had not read yet: the server says which, then carries on.
      source.addEventListener('gap', (event) => onGap?.(JSON.parse(event.data)));
      source.addEventListener('error', () => {
        if (stopped) return;
        if (source.readyState === EventSource.CLOSED) {
          onState('reconnecting');
          retry = setTimeout(open, 1000);
        } else {
          onState('reconnecting');
        }
      });
    } catch (err) {
      if (stopped) return;
      onState('error', err);
      retry = setTimeout(open, 2000);
    }
  };
  void open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };
}
