// Prometheus metrics for one app: a private registry (never prom-client's global one, so many apps can live in
// one process), counters fed by the routes, and gauges read from the store when scraped.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
const VIEW_STATES = ['ready', 'rebuilding', 'failed'];
export function createMetrics(store, live) {
    const registry = new Registry();
    const appendRequests = new Counter({ name: 'sluice_append_requests_total', help: 'Append requests acknowledged (201)', registers: [registry] });
    const appendedEvents = new Counter({ name: 'sluice_appended_events_total', help: 'Events appended over HTTP', registers: [registry] });
    const appendedBytes = new Counter({ name: 'sluice_appended_body_bytes_total', help: 'Request body bytes of acknowledged appends', registers: [registry] });
    new Gauge({
        name: 'sluice_log_end_offset', help: 'Offset where the next record will start (the log size in bytes)', registers: [registry],
        collect() { this.set(store.log.end); },
    });
    new Gauge({
        name: 'sluice_live_responses', help: 'Open live responses (streams and long-polls)', registers: [registry],
        collect() { this.set(live.size); },
    });
    const viewGauge = (name, help, read) => {
        new Gauge({
            name, help, labelNames: ['view'], registers: [registry],
            collect() {
                this.reset();
                for (const status of store.views.status()) {
                    const value = read(status);
                    if (value !== null)
                        this.set({ view: status.name }, value);
                }
            },
        });
    };
    viewGauge('sluice_view_position', 'Offset of the last record the view applied (-1 before the first)', (s) => s.position ?? -1);
    viewGauge('sluice_view_lag_bytes', 'Bytes of log the view has not applied yet', (s) => s.lagBytes);
    viewGauge('sluice_view_lag_records', 'Records the view has not applied yet, where known', (s) => s.lagRecords);
    viewGauge('sluice_view_rebuild_progress', 'Rebuild progress 0..1 (1 when ready)', (s) => s.progress);
    new Gauge({
        name: 'sluice_view_state', help: '1 for the state each view is in', labelNames: ['view', 'state'], registers: [registry],
        collect() {
            this.reset();
            for (const status of store.views.status()) {
                for (const state of VIEW_STATES)
                    this.set({ view: status.name, state }, status.state === state ? 1 : 0);
            }
        },
    });
    const groupGauge = (name, help, read) => {
        new Gauge({
            name, help, labelNames: ['group'], registers: [registry],
            collect() {
                this.reset();
                for (const group of store.groups.list())
                    this.set({ group: group.name }, read(group));
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
//# sourceMappingURL=metrics.js.map