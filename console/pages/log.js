// Log browser: pages of records oldest or newest first, filters by stream, type and tag, a live tail over SSE, and a
// detail panel for the selected record.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { backwardPage, followLog, forwardPage } from '../log-source.js';
import { ErrorBox, formatTime, RecordDetail } from '../ui.js';

const MAX_SHOWN = 1000;

export function RecordTable({ records, selected, onSelect, fresh = new Set(), caption }) {
  return html`<table class="records">
    <caption class="sr-only">${caption}</caption>
    <thead><tr><th scope="col">Offset</th><th scope="col">Stream</th><th scope="col">Rev</th><th scope="col">Type</th><th scope="col">Tags</th><th scope="col">Time</th></tr></thead>
    <tbody>${records.map((r) => html`<tr key=${r.offset} class=${`${selected?.offset === r.offset ? 'selected' : ''} ${fresh.has(r.offset) ? 'fresh' : ''}`} data-offset=${r.offset}>
      <td><button type="button" class="link" onClick=${() => onSelect(r)} aria-label=${`Show record ${r.offset}`}>${r.offset}</button></td>
      <td>${r.stream}</td><td>${r.revision}</td><td>${r.type}</td><td>${(r.tags ?? []).join(', ')}</td><td>${formatTime(r.ts)}</td>
    </tr>`)}</tbody>
  </table>`;
}

export function LogPage() {
  const [form, setForm] = useState({ from: '', limit: 50, order: 'oldest', stream: '', type: '', tag: '' });
  const [applied, setApplied] = useState(form);
  const [page, setPage] = useState({ records: [], cursor: undefined, history: [], note: '' });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [live, setLive] = useState(false);
  const [liveState, setLiveState] = useState('off');
  const [selected, setSelected] = useState(null);
  const [fresh, setFresh] = useState(new Set());
  const endRef = useRef(undefined);

  const filters = (f) => ({ stream: f.stream.trim(), type: f.type.trim(), tag: f.tag.trim() });
  const load = async (f, cursor, history) => {
    setBusy(true);
    setError(null);
    try {
      const limit = Math.max(1, Number(f.limit) || 50);
      if (f.order === 'oldest') {
        const from = cursor ?? (f.from === '' ? undefined : Number(f.from));
        const p = await forwardPage(from, limit, filters(f));
        endRef.current = p.end;
        setPage({ records: p.records, cursor: p.more ? p.next : null, history, note: `${p.scanned} records read from offset ${from ?? 'start'}; log end ${p.end}` });
      } else {
        const p = await backwardPage(cursor, limit, filters(f));
        setPage({ records: p.records, cursor: p.cursor, history, note: `newest first, from ${p.how}` });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => { void load(applied, undefined, []); }, [applied]);

  useEffect(() => {
    if (!live) return undefined;
    let stop;
    let cancelled = false;
    (async () => {
      const end = (await api('/ready')).end;
      if (cancelled) return;
      stop = followLog(end, filters(applied), {
        onState: (state, err) => { setLiveState(state); if (err) setError(err); },
        onGap: ({ from, to }) => setPage((p) => ({ ...p, note: `${p.note} Gap: offsets ${from} to ${to} were removed by retention before the live tail read them.` })),
        onRecord: (record) => {
          setFresh((s) => new Set(s).add(record.offset));
          setPage((p) => {
            const records = applied.order === 'newest' ? [record, ...p.records] : [...p.records, record];
            return { ...p, records: applied.order === 'newest' ? records.slice(0, MAX_SHOWN) : records.slice(-MAX_SHOWN) };
          });
        },
      });
    })().catch(setError);
    return () => { cancelled = true; stop?.(); setLiveState('off'); };
  }, [live, applied]);

  const field = (name, label, props = {}) => html`<div class="field">
    <label for=${`log-${name}`}>${label}</label>
    <input id=${`log-${name}`} name=${name} value=${form[name]} onInput=${(e) => setForm({ ...form, [name]: e.target.value })} ...${props} />
  </div>`;
  const submit = (e) => { e.preventDefault(); setSelected(null); setApplied({ ...form }); };
  const older = () => load(applied, page.cursor, [...page.history, page.cursor]);
  return html`
    <form class="toolbar" onSubmit=${submit} aria-label="Log filters">
      ${field('from', 'From offset', { inputmode: 'numeric', pattern: '[0-9]*', placeholder: 'start', disabled: form.order === 'newest' })}
      ${field('limit', 'Page size', { type: 'number', min: 1, max: 1000 })}
      <div class="field">
        <label for="log-order">Order</label>
        <select id="log-order" value=${form.order} onChange=${(e) => setForm({ ...form, order: e.target.value })}>
          <option value="oldest">Oldest first</option><option value="newest">Newest first</option>
        </select>
      </div>
      ${field('stream', 'Stream')}
      ${field('type', 'Type')}
      ${field('tag', 'Tag')}
      <button type="submit" disabled=${busy}>Show</button>
      <div class="field switch">
        <input id="log-live" type="checkbox" role="switch" checked=${live} onChange=${(e) => setLive(e.target.checked)} />
        <label for="log-live">Live tail</label>
        <span class=${`live-state ${liveState}`} aria-live="polite">${liveState === 'off' ? '' : liveState}</span>
      </div>
    </form>
    <${ErrorBox} error=${error} />
    <p class="muted" aria-live="polite">${busy ? 'Loading…' : `${page.records.length} records shown. ${page.note}`}</p>
    <div class="split">
      <div class="table-wrap">
        <${RecordTable} records=${page.records} selected=${selected} onSelect=${setSelected} fresh=${fresh} caption="Log records" />
        <div class="pager">
          <button type="button" onClick=${() => load(applied, undefined, [])} disabled=${busy}>${applied.order === 'oldest' ? 'First page' : 'Newest page'}</button>
          <button type="button" onClick=${older} disabled=${busy || page.cursor === null || page.cursor === undefined}>${applied.order === 'oldest' ? 'Next page' : 'Older'}</button>
        </div>
      </div>
      <${RecordDetail} record=${selected} onClose=${() => setSelected(null)} />
    </div>`;
}
