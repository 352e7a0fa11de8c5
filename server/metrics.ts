// Prometheus metrics for one app: a private registry (never prom-client's global one, so many apps can live in
// one process), counters fed by the routes, and gauges read from the store when scraped.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ClusterNode } from '../core/cluster-api.js';
import { ERRORS } from '../core/errors.js';
import type { Store, ViewState } from '../core/store-api.js';
import type { LiveRegistry } from './live-registry.js';
import { PACKAGE_VERSION } from './package-version.js';

const VIEW_STATES: readonly ViewState[] = ['ready', 'rebuilding', 'failed', 'stalled'];
const NO_SPACE = ERRORS.VIEW_NO_SPACE.code;

export interface ServerMetrics {
  readonly registry: Registry;
  /** Counts one acknowledged append request. */
  appended(events: number, bodyBytes: number): void;
  /** Records one finished request. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
}

export function createMetrics(store: Store, live: LiveRegistry): ServerMetrics {
  const registry = new Registry();
  const appendRequests = new Counter({ name: 'sluice_append_requests_total', help: 'Append requests acknowledged (201)', registers: [registry] });
  const appendedEvents = new Counter({ name: 'sluice_appended_events_total', help: 'Events appended over HTTP', registers: [registry] });
  const appendedBytes = new Counter({ name: 'sluice_appended_body_bytes_total', help: 'Request body bytes of acknowledged appends', registers: [registry] });
  new Gauge({ name: 'sluice_info', help: 'Always 1: the package version and the log\'s durability mode', labelNames: ['version', 'durability'], registers: [registry] })
    .set({ version: PACKAGE_VERSION, durability: store.log.durability }, 1);
  new Gauge({ name: 'sluice_start_time_seconds', help: 'When this server started serving, seconds since the epoch', registers: [registry] })
    .set(Date.now() / 1000);
  new Gauge({
    name: 'sluice_log_end_offset', help: 'Offset where the next record will start (the log size in bytes)', registers: [registry],
    collect() { this.set(store.log.end); },
  });
  new Gauge({
    name: 'sluice_live_responses', help: 'Open live responses (streams and long-polls)', registers: [registry],
    collect() { this.set(live.size); },
  });
  const viewGauge = (name: string, help: string, read: (s: ReturnType<Store['views']['status']>[number]) => number | null): void => {
    new Gauge({
      name, help, labelNames: ['view'], registers: [registry],
      collect() {
        this.reset();
        for (const status of store.views.status()) {
          const value = read(status);
          if (value !== null) this.set({ view: status.name }, value);
        }
      },
    });
  };
  viewGauge('sluice_view_position', 'Offset of the last record the view applied (-1 before the first)', (s) => s.position ?? -1);
  viewGauge('sluice_view_lag_bytes', 'Bytes of log the view has not applied yet', (s) => s.lagBytes);
  viewGauge('sluice_view_lag_records', 'Records the view has not applied yet, where known', (s) => s.lagRecords);
  viewGauge('sluice_view_records', 'Records the view has applied', (s) => s.records);
  viewGauge('sluice_view_skipped_ranges', 'Damaged log ranges the view passed over (its rows lack those records)', (s) => s.skipped?.length ?? 0);
  viewGauge('sluice_view_stalled_offset', 'Offset of the damaged log record a stalled view cannot get past', (s) => (s.state === 'stalled' ? s.error?.offset ?? null : null));
  viewGauge('sluice_view_rebuild_progress', 'Rebuild progress 0..1 (1 when ready)', (s) => s.progress);
  viewGauge('sluice_view_no_space', '1 while a full disk holds the view (it resumes by itself once space is freed)', (s) => (s.error?.code === NO_SPACE ? 1 : 0));
  new Gauge({
    name: 'sluice_log_writable', help: '1 while the log accepts appends; 0 while a full disk or an I/O failure stops them', registers: [registry],
    collect() { this.set(store.log.writeFailure?.() === undefined ? 1 : 0); },
  });
  new Gauge({
    name: 'sluice_view_state', help: '1 for the state each view is in', labelNames: ['view', 'state'], registers: [registry],
    collect() {
      this.reset();
      for (const status of store.views.status()) {
        for (const state of VIEW_STATES) this.set({ view: status.name, state }, status.state === state ? 1 : 0);
      }
    },
  });
  if (store.cluster !== undefined) clusterMetrics(registry, store.cluster);
  const groupGauge = (name: string, help: string, read: (g: ReturnType<Store['groups']['list']>[number]) => number): void => {
    new Gauge({
      name, help, labelNames: ['group'], registers: [registry],
      collect() {
        this.reset();
        for (const group of store.groups.list()) this.set({ group: group.name }, read(group));
      },
    });
  };
  groupGauge('sluice_group_lag_bytes', 'Bytes of log from the consumer group\'s checkpoint to the log end', (g) => g.lagBytes);
  groupGauge('sluice_group_checkpoint', 'Offset before which every matching record is acknowledged or parked', (g) => g.checkpoint);
  groupGauge('sluice_group_in_flight', 'Records leased to consumers and not yet acknowledged', (g) => g.inFlight);
  groupGauge('sluice_group_parked', 'Records parked (dead-lettered) by the group', (g) => g.parked);
  const latency = new Histogram({
    name: 'sluice_http_request_duration_seconds', help: 'HTTP request latency by route (live responses count until they end)',
    labelNames: ['method', 'route', 'status_code'], registers: [registry],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return {
    registry,
    appended(events, bodyBytes) {
      appendRequests.inc();
      appendedEvents.inc(events);
      appendedBytes.inc(bodyBytes);
    },
    observeRequest(method, route, statusCode, seconds) {
      latency.observe({ method, route, status_code: String(statusCode) }, seconds);
    },
  };
}

/** Cluster mode: the stream and this node's position as last seen (scrapes never wait on JetStream). */
function clusterMetrics(registry: Registry, cluster: ClusterNode): void {
  const gauge = (name: string, help: string, read: (s: ReturnType<ClusterNode['snapshot']>) => number | undefined): void => {
    new Gauge({
      name, help, registers: [registry],
      collect() {
        const value = read(cluster.snapshot());
        if (value === undefined) this.reset();
        else this.set(value);
      },
    });
  };
  gauge('sluice_cluster_applied_sequence', 'Last JetStream sequence this node applied to its local log', (s) => s.node.appliedSequence);
  gauge('sluice_cluster_stream_last_sequence', 'Last sequence the JetStream stream holds (as last asked)', (s) => s.stream?.lastSequence);
  gauge('sluice_cluster_lag_messages', 'Messages the stream holds that this node has not applied yet', (s) => s.node.lagMessages);
  gauge('sluice_cluster_connected', '1 while connected to a NATS server', (s) => (s.connectedTo === null ? 0 : 1));
  gauge('sluice_cluster_stream_has_leader', '1 while the stream has a leader (appends can be stored)', (s) => (s.stream?.leader && s.streamError === undefined ? 1 : 0));
  gauge('sluice_cluster_stream_replicas', 'Replicas the stream keeps of every append', (s) => s.stream?.replicas);
  gauge('sluice_cluster_following', '1 while this node applies the stream', (s) => (s.node.following ? 1 : 0));
  const counter = (name: string, help: string, read: (c: ReturnType<ClusterNode['counters']>) => number): void => {
    new Counter({ name, help, registers: [registry], collect() { this.reset(); this.inc(read(cluster.counters())); } });
  };
  counter('sluice_cluster_appends_acknowledged_total', 'Appends JetStream stored and this node applied', (c) => c.appendsAcknowledged);
  counter('sluice_cluster_publish_retries_total', 'Publish attempts retried (no leader, timeout, lost connection)', (c) => c.publishRetries);
  counter('sluice_cluster_appends_unavailable_total', 'Appends answered 503: not stored within cluster.appendTimeoutMs', (c) => c.appendsUnavailable);
  counter('sluice_cluster_conflicts_retried_total', 'Conditional appends re-checked after another node stored an append first', (c) => c.conflictsRetried);
}
