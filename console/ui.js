// Small shared pieces: formatting, the error box, JSON and hex rendering, the record detail panel, the sparkline.
import { html } from 'htm/preact';

export function formatBytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export const formatTime = (ts) => new Date(ts).toISOString().replace('T', ' ').replace('Z', '');
export const formatNumber = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en'));

/** An API error as the user sees it: the stable code, then the server's message. */
export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<div class="error" role="alert"><code>${error.code ?? 'ERROR'}</code> ${error.message}</div>`;
}

/** Base64 bytes as a hex dump (16 bytes a line, offset and ASCII columns). */
export function hexDump(base64, maxBytes = 4096) {
  const bin = atob(base64);
  const lines = [];
  for (let at = 0; at < Math.min(bin.length, maxBytes); at += 16) {
    const chunk = bin.slice(at, at + 16);
    const hex = [...chunk].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
    const ascii = [...chunk].map((c) => (c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 127 ? c : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bin.length > maxBytes) lines.push(`… ${bin.length - maxBytes} more bytes`);
  return { text: lines.join('\n'), size: bin.length };
}

export function RecordDetail({ record, onClose }) {
  if (!record) return null;
  const { data, encoding, ...rest } = record;
  const binary = encoding === 'base64';
  const dump = binary ? hexDump(data) : null;
  return html`<aside class="detail" aria-label="Record detail">
    <div class="detail-head">
      <h2>Record ${record.offset}</h2>
      <button type="button" onClick=${onClose} aria-label="Close the record detail">Close</button>
    </div>
    <dl class="facts">
      <dt>stream</dt><dd><a href=${`#/streams/${encodeURIComponent(record.stream)}`}>${record.stream}</a></dd>
      <dt>revision</dt><dd>${record.revision}</dd>
      <dt>type</dt><dd>${record.type}</dd>
      <dt>time</dt><dd>${formatTime(record.ts)}</dd>
      <dt>next</dt><dd>${record.next}</dd>
    </dl>
    ${binary
      ? html`<h3>Binary payload, ${formatNumber(dump.size)} bytes</h3><pre class="hex" tabindex="0">${dump.text}</pre>`
      : html`<h3>data</h3><pre class="json" tabindex="0">${JSON.stringify(data, null, 2)}</pre>`}
    <h3>Record</h3>
    <pre class="json" tabindex="0">${JSON.stringify(rest, null, 2)}</pre>
  </aside>`;
}

/** A small SVG line chart of [{at, rate}] with its latest value in words (the chart is decorative for screen readers). */
export function Sparkline({ points, label, unit }) {
  const w = 320;
  const h = 60;
  const max = Math.max(1, ...points.map((p) => p.rate));
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(h - (p.rate / max) * (h - 4) - 2).toFixed(1)}`).join(' ');
  const last = points.length > 0 ? points[points.length - 1].rate : null;
  return html`<figure class="chart">
    <figcaption>${label}: <strong>${last === null ? 'collecting…' : `${last.toFixed(last < 10 ? 1 : 0)} ${unit}`}</strong>
      ${points.length > 0 ? html`<span class="muted"> (peak ${max.toFixed(1)} over the last ${formatDuration(points.length * 5000)})</span>` : null}</figcaption>
    <svg viewBox=${`0 0 ${w} ${h}`} width=${w} height=${h} aria-hidden="true" focusable="false">
      <rect x="0" y="0" width=${w} height=${h} class="chart-bg" />
      ${points.length > 1 ? html`<path d=${path} class="chart-line" />` : null}
    </svg>
  </figure>`;
}
