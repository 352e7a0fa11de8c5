// Overview: the log's end, records, size, durability, uptime and version, and the append rate and HTTP errors over
// the last minutes, all from the server's own routes (/metrics, /ready, /views).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { deltas, metricsHistory, rates } from '../metrics.js';
import { ErrorBox, formatBytes, formatDuration, formatNumber, Sparkline } from '../ui.js';

export function OverviewPage() {
  const [, setTick] = useState(0);
  const [ready, setReady] = useState(null);
  const [views, setViews] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    const refresh = async () => {
      try {
        const [r, v] = await Promise.all([api('/ready'), api('/views')]);
        setReady(r);
        setViews(v.views);
        setError(null);
      } catch (err) {
        setError(err);
      }
      setTick((t) => t + 1);
    };
    void refresh();
    const stop = metricsHistory.subscribe(refresh);
    return stop;
  }, []);
  const samples = metricsHistory.samples;
  const last = samples[samples.length - 1];
  const streams = views?.find((v) => v.name === 'streams');
  const failed = views?.filter((v) => v.state === 'failed') ?? [];
  const rebuilding = views?.filter((v) => v.state === 'rebuilding') ?? [];
  const stat = (label, value, note) => html`<div class="stat"><dt>${label}</dt><dd>${value}${note ? html`<small>${note}</small>` : null}</dd></div>`;
  return html`
    <${ErrorBox} error=${error ?? metricsHistory.error} />
    <dl class="stats" aria-label="Store figures">
      ${stat('Log end (offset)', ready ? formatNumber(ready.end) : '…')}
      ${stat('Records', streams ? formatNumber(streams.records + (streams.lagRecords ?? 0)) : '…', streams && streams.lagBytes > 0 && streams.lagRecords === null ? ' (the streams view is catching up)' : null)}
      ${stat('Log bytes on disk', ready ? formatBytes(ready.end - ready.start) : '…')}
      ${stat('Durability', last?.durability ?? '…')}
      ${stat('Uptime', last ? formatDuration(Date.now() - last.startedAt) : '…')}
      ${stat('Version', last?.version ?? '…')}
      ${stat('Open live responses', last ? formatNumber(last.liveResponses) : '…')}
      ${stat('Views', views ? views.length : '…', views ? `${rebuilding.length} rebuilding, ${failed.length} failed` : null)}
    </dl>
    ${failed.length > 0 ? html`<p class="error" role="alert">Failed views: ${failed.map((v) => html`<a href="#/views">${v.name}</a> `)}</p>` : null}
    <section aria-labelledby="activity">
      <h2 id="activity">Activity since this console opened</h2>
      <div class="charts">
        <${Sparkline} points=${rates(samples, 'appendedEvents')} label="Events appended over HTTP" unit="/s" />
        <${Sparkline} points=${deltas(samples, 'httpErrors')} label="HTTP errors (4xx, 5xx) per 5 s" unit="" />
      </div>
      <p class="muted">Sampled from <code>GET /metrics</code> every 5 s while the console is open. For long-term history, scrape
        /metrics with Prometheus (docs/operations.md).</p>
    </section>`;
}
