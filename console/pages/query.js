// Query explorer: for every view query in the OpenAPI document, a form generated from its parameters' JSON schemas,
// the answer, and the equivalent curl line (the key stays a shell variable: it is never printed).
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, keyStore, openApi, qs } from '../api.js';
import { ErrorBox } from '../ui.js';

/** The view queries in the OpenAPI document: [{path, view, query, summary, parameters}]. */
function viewQueries(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const m = /^\/views\/([^/{}]+)\/([^/{}]+)$/.exec(path);
    if (!m || !item.get) continue;
    out.push({ path, view: m[1], query: m[2], summary: item.get.summary ?? '', parameters: (item.get.parameters ?? []).filter((p) => p.in === 'query') });
  }
  return out;
}

function ParamField({ param, value, onChange }) {
  const schema = param.schema ?? {};
  const id = `q-${param.name}`;
  const describedBy = param.description || schema.description ? `${id}-help` : undefined;
  const label = html`<label for=${id}>${param.name}${param.required ? ' (required)' : ''}</label>`;
  const help = describedBy ? html`<small id=${describedBy}>${param.description ?? schema.description}</small>` : null;
  let input;
  if (Array.isArray(schema.enum) || schema.type === 'boolean') {
    const options = schema.type === 'boolean' ? ['true', 'false'] : schema.enum.map(String);
    input = html`<select id=${id} value=${value} onChange=${(e) => onChange(e.target.value)} aria-describedby=${describedBy}>
      <option value="">${schema.default !== undefined ? `(default: ${schema.default})` : '(not set)'}</option>
      ${options.map((o) => html`<option value=${o}>${o}</option>`)}</select>`;
  } else {
    const numeric = schema.type === 'integer' || schema.type === 'number';
    input = html`<input id=${id} type=${numeric ? 'number' : 'text'} value=${value} required=${param.required}
      min=${schema.minimum} max=${schema.maximum} step=${schema.type === 'integer' ? 1 : undefined}
      placeholder=${schema.default !== undefined ? `default ${schema.default}` : undefined} aria-describedby=${describedBy}
      onInput=${(e) => onChange(e.target.value)} />`;
  }
  return html`<div class="field">${label}${input}${help}</div>`;
}

export function QueryPage({ args }) {
  const [queries, setQueries] = useState(null);
  const [error, setError] = useState(null);
  const [chosen, setChosen] = useState(args.length >= 2 ? `/views/${args[0]}/${args[1]}` : '');
  const [values, setValues] = useState({});
  const [answer, setAnswer] = useState(null);
  useEffect(() => {
    openApi().then((doc) => {
      const found = viewQueries(doc);
      setQueries(found);
      if (!found.some((q) => q.path === chosen) && found.length > 0) setChosen(found[0].path);
    }, setError);
  }, []);
  const query = useMemo(() => queries?.find((q) => q.path === chosen), [queries, chosen]);
  const url = query ? `${query.path}${qs(values)}` : '';
  const curl = `curl -s '${location.origin}${url}'${keyStore.get() ? ' -H "authorization: Bearer $SLUICE_API_KEY"' : ''}`;
  const run = async (e) => {
    e.preventDefault();
    setAnswer(null);
    try {
      const res = await api(url, { withHeaders: true });
      setAnswer({ ok: true, body: res.body, position: res.headers.get('sluice-view-position') });
      setError(null);
    } catch (err) {
      setAnswer({ ok: false });
      setError(err);
    }
  };
  if (queries === null) return html`<${ErrorBox} error=${error} /><p>Loading the OpenAPI document…</p>`;
  return html`
    <div class="field">
      <label for="query-choice">Query</label>
      <select id="query-choice" value=${chosen} onChange=${(e) => { setChosen(e.target.value); setValues({}); setAnswer(null); setError(null); }}>
        ${queries.map((q) => html`<option value=${q.path}>${q.view} / ${q.query}</option>`)}
      </select>
    </div>
    ${query ? html`<form class="query-form" onSubmit=${run} aria-label=${`Parameters of ${query.view}/${query.query}`}>
      <p class="muted">${query.summary}</p>
      <div class="grid">${query.parameters.map((p) => html`<${ParamField} key=${`${chosen}:${p.name}`} param=${p} value=${values[p.name] ?? ''}
        onChange=${(v) => setValues({ ...values, [p.name]: v })} />`)}</div>
      <button type="submit">Run query</button>
    </form>
    <h2>curl</h2>
    <pre class="curl" tabindex="0" aria-label="The same query with curl">${curl}</pre>` : html`<p>No view queries.</p>`}
    <${ErrorBox} error=${error} />
    ${answer?.ok ? html`<section aria-labelledby="answer-title">
      <h2 id="answer-title">Answer</h2>
      <p class="muted">View position: ${answer.position}</p>
      <pre class="json answer" tabindex="0">${JSON.stringify(answer.body, null, 2)}</pre>
    </section>` : null}`;
}
