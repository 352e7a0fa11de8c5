// Reads the server's Prometheus /metrics text and keeps a rolling history of samples (one every 5 s, the last
// 10 minutes, from when the console was opened), so the overview can chart the append rate and HTTP errors.
import { api } from './api.js';

export const SAMPLE_MS = 5000;
const KEEP = (10 * 60 * 1000) / SAMPLE_MS;

/** Parses Prometheus text into [{name, labels, value}] (comments and blank lines skipped). */
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const [, name, value] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[name] = value.replace(/\\(.)/g, '$1');
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of a metric's samples whose labels pass `where`. */
export function sum(samples, name, where = () => true) {
  return samples.filter((s) => s.name === name && where(s.labels)).reduce((total, s) => total + s.value, 0);
}

/** The figures the overview shows, from one scrape. */
export function summarize(samples) {
  const info = samples.find((s) => s.name === 'sluice_info');
  return {
    at: Date.now(),
    version: info?.labels.version ?? null,
    durability: info?.labels.durability ?? null,
    startedAt: (samples.find((s) => s.name === 'sluice_start_time_seconds')?.value ?? NaN) * 1000,
    logEnd: sum(samples, 'sluice_log_end_offset'),
    appendedEvents: sum(samples, 'sluice_appended_events_total'),
    appendRequests: sum(samples, 'sluice_append_requests_total'),
    liveResponses: sum(samples, 'sluice_live_responses'),
    httpErrors: sum(samples, 'sluice_http_request_duration_seconds_count', (l) => Number(l.status_code) >= 400),
    httpRequests: sum(samples, 'sluice_http_request_duration_seconds_count'),
  };
}

/** Samples the server's metrics while someone listens; the history survives page switches. */
export const metricsHistory = {
  samples: [],
  listeners: new Set(),
  timer: undefined,
  error: null,
  async scrape() {
    try {
      const text = await api('/metrics', { accept: 'text/plain' });
      this.samples.push(summarize(parseMetrics(text)));
      if (this.samples.length > KEEP + 1) this.samples.shift();
      this.error = null;
    } catch (err) {
      this.error = err;
    }
    for (const listener of this.listeners) listener();
  },
  subscribe(listener) {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      void this.scrape();
      this.timer = setInterval(() => void this.scrape(), SAMPLE_MS);
    }
    return () => this.listeners.delete(listener);
  },
  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    this.samples = [];
  },
};

/** Per-second rates of a counter between consecutive samples: [{at, rate}]. */
export function rates(samples, field) {
  const out = [];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (samples[i].at - samples[i - 1].at) / 1000;
    out.push({ at: samples[i].at, rate: Math.max(0, samples[i][field] - samples[i - 1][field]) / Math.max(seconds, 0.001) });
  }
  return out;
}

/** Increments of a counter between consecutive samples: [{at, rate}] (rate = how many in that interval). */
export function deltas(samples, field) {
  const out = [];
  for (let i = 1; i < samples.length; i++) out.push({ at: samples[i].at, rate: Math.max(0, samples[i][field] - samples[i - 1][field]) });
  return out;
}
