// Progress of `sluice reindex`: a cli-progress bar (percent, records/s, ETA) on a terminal, and a plain line
// about once a second when stdout is a file or a pipe (logs, CI), so both humans and scripts can follow it.
import cliProgress from 'cli-progress';
const LINE_INTERVAL_MS = 1000;
function rate(records, ms) {
    return ms <= 0 ? 0 : Math.round((records * 1000) / ms);
}
function eta(progress, ms) {
    const done = progress.next - progress.start;
    const left = progress.end - progress.next;
    if (done <= 0 || left <= 0)
        return left <= 0 ? '0 s' : '?';
    return `${Math.ceil(((ms / done) * left) / 1000)} s`;
}
function fraction(p) {
    return p.end > p.start ? Math.min(1, Math.max(0, (p.next - p.start) / (p.end - p.start))) : 1;
}
export function createProgressReporter(io, label) {
    const started = Date.now();
    if (io.stdout.isTTY) {
        const bar = new cliProgress.SingleBar({
            stream: io.stdout,
            format: `${label} |{bar}| {percentage}% | {records} records | {rate} rec/s | ETA {eta_text}`,
            hideCursor: true,
            clearOnComplete: false,
        }, cliProgress.Presets.shades_classic);
        bar.start(1000, 0, { records: 0, rate: 0, eta_text: '?' });
        return {
            update(p) {
                const ms = Date.now() - started;
                bar.update(Math.round(fraction(p) * 1000), { records: p.records, rate: rate(p.records, ms), eta_text: eta(p, ms) });
            },
            stop: () => bar.stop(),
        };
    }
    let lastLine = 0;
    let last;
    const line = (p) => {
        const ms = Date.now() - started;
        io.stdout.write(`${label}: ${(fraction(p) * 100).toFixed(1)}% (offset ${p.next} of ${p.end}), ${p.records} records, ${rate(p.records, ms)} rec/s, ETA ${eta(p, ms)}\n`);
        lastLine = Date.now();
    };
    return {
        update(p) {
            last = p;
            if (Date.now() - lastLine >= LINE_INTERVAL_MS)
                line(p);
        },
        stop() {
            if (last !== undefined)
                line(last);
        },
    };
}
//# sourceMappingURL=reindex-progress.js.map