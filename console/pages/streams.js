// Streams: a searchable list (by name prefix) with each stream's revision and event count, and a stream's page with
// its events by revision.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api.js';
import { ErrorBox, formatNumber, RecordDetail } from '../ui.js';
import { RecordTable } from './log.js';

const PAGE = 50;

export function StreamsPage() {
  const [prefix, setPrefix] = useState('');
  const [list, setList] = useState({ streams: [], cursor: null });
  const [error, setError] = useState(null);
  const load = async (cursor, append) => {
    try {
      const answer = await api(`/streams${qs({ prefix, cursor, limit: PAGE })}`);
      setList((l) => ({ streams: append ? [...l.streams, ...answer.streams] : answer.streams, cursor: answer.cursor }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => { void load(undefined, false); }, [prefix]);
  return html`
    <form class="toolbar" role="search" onSubmit=${(e) => e.preventDefault()}>
      <div class="field">
        <label for="stream-search">Streams starting with</label>
        <input id="stream-search" type="search" value=${prefix} onInput=${(e) => setPrefix(e.target.value)} placeholder="acct-" />
      </div>
    </form>
    <${ErrorBox} error=${error} />
    <table class="records">
      <caption class="sr-only">Streams</caption>
      <thead><tr><th scope="col">Stream</th><th scope="col">Revision</th><th scope="col">Events</th><th scope="col">First offset</th><th scope="col">Last offset</th></tr></thead>
      <tbody>${list.streams.map((s) => html`<tr key=${s.stream}>
        <td><a href=${`#/streams/${encodeURIComponent(s.stream)}`}>${s.stream}</a></td>
        <td>${s.revision}</td><td>${formatNumber(s.count)}</td><td>${s.firstOffset}</td><td>${s.lastOffset}</td>
      </tr>`)}</tbody>
    </table>
    ${list.streams.length === 0 && !error ? html`<p class="muted">No streams${prefix ? ` starting with “${prefix}”` : ''}.</p>` : null}
    <div class="pager"><button type="button" disabled=${list.cursor === null} onClick=${() => load(list.cursor, true)}>More streams</button></div>`;
}

export function StreamPage({ args }) {
  const stream = args[0];
  const [summary, setSummary] = useState(null);
  const [events, setEvents] = useState({ events: [], next: null });
  const [error, setError] = useState(null);
  const [selected, setSelected] = useState(null);
  const load = async (from, append) => {
    try {
      const answer = await api(`/streams/${encodeURIComponent(stream)}${qs({ from, limit: PAGE })}`);
      setEvents((e) => ({ events: append ? [...e.events, ...answer.events] : answer.events, next: answer.next }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load(0, false);
    api(`/views/streams/get${qs({ stream })}`).then(setSummary, () => setSummary(null));
  }, [stream]);
  return html`
    <p><a href="#/streams">All streams</a></p>
    <h2>${stream}</h2>
    ${summary ? html`<dl class="facts"><dt>revision</dt><dd>${summary.revision}</dd><dt>events</dt><dd>${formatNumber(summary.count)}</dd>
      <dt>first offset</dt><dd>${summary.firstOffset}</dd><dt>last offset</dt><dd>${summary.lastOffset}</dd></dl>` : null}
    <${ErrorBox} error=${error} />
    <div class="split">
      <div class="table-wrap">
        <${RecordTable} records=${events.events} selected=${selected} onSelect=${setSelected} caption=${`Events of ${stream}`} />
        <div class="pager"><button type="button" disabled=${events.next === null} onClick=${() => load(events.next, true)}>More events</button></div>
      </div>
      <${RecordDetail} record=${selected} onClose=${() => setSelected(null)} />
    </div>`;
}
