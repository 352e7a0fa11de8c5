// Append: one event to a stream (type, JSON data, tags, expected revision) through POST /streams/:stream, showing the
// offsets and revisions it got, or the error code and message.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox } from '../ui.js';

export function AppendPage({ who }) {
  const [form, setForm] = useState({ stream: '', type: '', data: '{}', tags: '', expected: 'any', revision: '' });
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (name) => (e) => setForm({ ...form, [name]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    setResult(null);
    setError(null);
    let data;
    try {
      data = form.data.trim() === '' ? null : JSON.parse(form.data);
    } catch (err) {
      setError({ code: 'INVALID_JSON', message: `data is not JSON: ${err.message}` });
      return;
    }
    const event = { type: form.type, data };
    const tags = form.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (tags.length > 0) event.tags = tags;
    const expectedRevision = form.expected === 'revision' ? Number(form.revision) : form.expected;
    setBusy(true);
    try {
      setResult(await api(`/streams/${encodeURIComponent(form.stream)}`, { method: 'POST', body: { events: [event], expectedRevision } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`
    ${who.scopes.includes('append') ? null : html`<p class="muted">Appending needs a key with the <code>append</code> scope.</p>`}
    <form class="append-form" onSubmit=${submit}>
      <div class="field"><label for="append-stream">Stream</label>
        <input id="append-stream" required value=${form.stream} onInput=${set('stream')} placeholder="acct-1" /></div>
      <div class="field"><label for="append-type">Type</label>
        <input id="append-type" required value=${form.type} onInput=${set('type')} placeholder="Deposited" /></div>
      <div class="field wide"><label for="append-data">Data (JSON)</label>
        <textarea id="append-data" rows="6" spellcheck="false" value=${form.data} onInput=${set('data')}></textarea></div>
      <div class="field"><label for="append-tags">Tags (comma-separated)</label>
        <input id="append-tags" value=${form.tags} onInput=${set('tags')} /></div>
      <div class="field"><label for="append-expected">Expected revision</label>
        <select id="append-expected" value=${form.expected} onChange=${set('expected')}>
          <option value="any">any (no check)</option><option value="no_stream">no_stream (must not exist)</option>
          <option value="exists">exists (must exist)</option><option value="revision">a revision…</option>
        </select></div>
      ${form.expected === 'revision' ? html`<div class="field"><label for="append-revision">Revision</label>
        <input id="append-revision" type="number" min="0" step="1" required value=${form.revision} onInput=${set('revision')} /></div>` : null}
      <div class="actions"><button type="submit" disabled=${busy}>Append</button></div>
    </form>
    <${ErrorBox} error=${error} />
    ${error?.body?.currentRevision !== undefined ? html`<p>The stream is at revision <strong>${error.body.currentRevision ?? 'none (no stream)'}</strong>.</p>` : null}
    ${result ? html`<section class="result" role="status" aria-labelledby="append-result">
      <h2 id="append-result">Appended</h2>
      <p>Offset ${result.offsets.join(', ')}, revision ${result.revisions.join(', ')} of <a href=${`#/streams/${encodeURIComponent(result.stream ?? form.stream)}`}>${result.stream ?? form.stream}</a>.</p>
      <pre class="json" tabindex="0">${JSON.stringify(result, null, 2)}</pre>
    </section>` : null}`;
}
