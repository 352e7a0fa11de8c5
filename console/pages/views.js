// Views: every view's version, state, position, lag and records, a progress bar with ETA while it rebuilds, the
// error of a failed or stalled view (with a button to skip the damaged records it is stalled at), and a rebuild
// button (both enabled for keys with the admin scope). Polls GET /views every second.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorBox, formatBytes, formatDuration, formatNumber } from '../ui.js';

export function ViewsPage({ who }) {
  const [views, setViews] = useState(null);
  const [error, setError] = useState(null);
  const [message, setMessage] = useState('');
  const isAdmin = who.scopes.includes('admin');
  const refresh = async () => {
    try {
      setViews((await api('/views')).views);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void refresh();
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, []);
  const rebuild = async (name) => {
    if (!confirm(`Rebuild the view ${name} from the start of the log?`)) return;
    try {
      await api(`/views/${encodeURIComponent(name)}/rebuild`, { method: 'POST' });
      setMessage(`Rebuild of ${name} started.`);
      setError(null);
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  const skipDamaged = async (name) => {
    if (!confirm(`Let ${name} pass over the damaged log records it is stalled at? Its rows will lack those records; each skipped range is listed in its status.`)) return;
    try {
      await api(`/views/${encodeURIComponent(name)}/skip-damaged`, { method: 'POST' });
      setMessage(`${name} now passes over damaged records.`);
      setError(null);
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  if (views === null) return html`<${ErrorBox} error=${error} /><p>Loading…</p>`;
  return html`
    <${ErrorBox} error=${error} />
    <p class="muted" aria-live="polite">${message}</p>
    ${isAdmin ? null : html`<p class="muted">Rebuilding needs a key with the <code>admin</code> scope.</p>`}
    <table class="records views">
      <caption class="sr-only">Views</caption>
      <thead><tr><th scope="col">View</th><th scope="col">Version</th><th scope="col">State</th><th scope="col">Position</th>
        <th scope="col">Lag</th><th scope="col">Records</th><th scope="col">Progress</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${views.map((v) => html`<tr key=${v.name} data-view=${v.name}>
        <th scope="row">${v.name}<div class="muted small">${v.description ?? ''}</div></th>
        <td>${v.version}</td>
        <td><span class=${`state ${v.state}`}>${v.state}</span>${v.state === 'rebuilding' && v.serving ? html`<div class="small">previous build serving</div>` : null}</td>
        <td>${v.position ?? '–'}</td>
        <td>${formatBytes(v.lagBytes)}${v.lagRecords !== null ? ` · ${formatNumber(v.lagRecords)} records` : ''}</td>
        <td>${formatNumber(v.records)}</td>
        <td class="progress-cell">
          ${v.state === 'rebuilding'
            ? html`<progress max="1" value=${v.progress} aria-label=${`Rebuild progress of ${v.name}`}>${Math.round(v.progress * 100)}%</progress>
                <span class="rebuild-progress">${Math.round(v.progress * 100)}%${v.etaMs !== null ? `, about ${formatDuration(v.etaMs)} left` : ''}</span>`
            : v.state === 'failed' || v.state === 'stalled' || v.error !== undefined
              ? html`<div class="error small" role="status">${v.error?.message ?? v.state}${v.error?.offset !== null && v.error?.offset !== undefined ? ` (at offset ${v.error.offset})` : ''}</div>`
              : 'ready'}
          ${v.skipped?.length ? html`<div class="muted small">${v.skipped.length} damaged range(s) of log skipped</div>` : null}
        </td>
        <td><button type="button" onClick=${() => rebuild(v.name)} disabled=${!isAdmin || v.state === 'rebuilding'}
          title=${isAdmin ? `Rebuild ${v.name}` : 'needs a key with the admin scope'} aria-label=${`Rebuild ${v.name}`}>Rebuild</button>
          ${v.state === 'stalled' ? html`<button type="button" onClick=${() => skipDamaged(v.name)} disabled=${!isAdmin}
            title=${isAdmin ? `Pass over the damaged records ${v.name} is stalled at` : 'needs a key with the admin scope'} aria-label=${`Skip damaged records in ${v.name}`}>Skip damaged</button>` : null}</td>
      </tr>`)}</tbody>
    </table>`;
}
