// `sluice views verify`: rebuilds views into scratch storage beside the live ones and compares every row (or, with
// --determinism, applies the log twice and compares), printing what differs. Exit 0 when everything matches, else 1.
import type { DeterminismReport } from '../core/view-engine/view-determinism.js';
import type { VerifyReport } from '../core/view-engine/view-verify.js';
import type { SluiceStore } from '../store/sluice-store.js';
import { EXIT_FAILURE, EXIT_OK } from './cli-errors.js';
import type { CommandIo } from './command.js';
import { interruptSignal } from './log-follower.js';
import { createProgressReporter } from './reindex-progress.js';

export interface VerifyCommandOptions {
  readonly names: readonly string[];
  readonly determinism: boolean;
  readonly json: boolean;
}

/** A value as the report prints it: JSON where possible, `(no row)` for a missing one. */
export function shown(value: unknown): string {
  if (value === undefined) return '(no row)';
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

function verifyLines(r: VerifyReport): string {
  const head = `${r.view} v${r.version} build #${r.build} at offset ${r.position ?? '-'} (${r.records} records)`;
  if (r.rebuildError !== null) {
    return `${head}: DIFFERS: the rebuild failed at offset ${r.rebuildError.offset ?? '-'} (${r.rebuildError.message}) where the live build did not\n`;
  }
  if (r.equal) return `${head}: equal, ${r.rows.live} rows, checksum ${r.checksums.rebuilt}\n`;
  const lines = [`${head}: DIFFERS: ${r.differences} row(s) differ`];
  if (r.first !== null) {
    lines.push(`  first difference: sub-database ${JSON.stringify(r.first.db)}, key ${shown(r.first.key)}`,
      `    live:    ${shown(r.first.live)}`, `    rebuilt: ${shown(r.first.rebuilt)}`);
  }
  if (r.checksums.live !== null && r.checksums.live !== r.checksums.liveRows) {
    lines.push(`  the live running checksum ${r.checksums.live} does not match its rows (${r.checksums.liveRows}): rows were written outside apply`);
  }
  lines.push(`  checksums: live ${r.checksums.live ?? '(none)'}, live rows ${r.checksums.liveRows}, rebuilt ${r.checksums.rebuilt ?? '(none)'}`);
  return `${lines.join('\n')}\n`;
}

function determinismLine(r: DeterminismReport): string {
  const head = `${r.view} v${r.version}`;
  if (!r.deterministic) {
    const where = r.first === null ? '' : r.first.offset === r.first.to ? ` at the record at offset ${r.first.offset}` : ` in the batch of records at offsets ${r.first.offset}..${r.first.to}`;
    return `${head}: NOT DETERMINISTIC over ${r.records} records: first difference${where}: ${r.first?.reason ?? 'rows differ'}\n`
      + '  a view must not read the clock, random numbers or global state, and its rows must not depend on batch boundaries\n';
  }
  const note = r.first === null ? '' : ` (${r.first.reason} at offset ${r.first.offset})`;
  return `${head}: deterministic over ${r.records} records, checksum ${r.checksum ?? '-'}${note}\n`;
}

export async function runVerify(store: SluiceStore, io: CommandIo, options: VerifyCommandOptions): Promise<number> {
  const interrupt = interruptSignal();
  const reports: Array<VerifyReport | DeterminismReport> = [];
  let failures = 0;
  try {
    for (const name of options.names) {
      store.views.definitionOf(name);
      // A bar on a terminal; otherwise progress lines go to stderr, leaving stdout to the reports.
      const progress = createProgressReporter(io.stdout.isTTY === true && !options.json ? io : { ...io, stdout: io.stderr }, `${options.determinism ? 'determinism' : 'verify'} ${name}`);
      const run = { onProgress: (p: Parameters<typeof progress.update>[0]) => progress.update(p), signal: interrupt.signal };
      let report: VerifyReport | DeterminismReport;
      try {
        report = options.determinism ? await store.views.checkDeterminism(name, run) : await store.views.verify(name, run);
      } finally {
        progress.stop();
      }
      reports.push(report);
      const ok = 'deterministic' in report ? report.deterministic : report.equal;
      if (!ok) failures++;
      if (!options.json) io.stdout.write('deterministic' in report ? determinismLine(report) : verifyLines(report));
    }
  } finally {
    interrupt.dispose();
  }
  if (options.json) io.stdout.write(`${JSON.stringify(reports, (_k, v: unknown) => (v === undefined ? null : v), 2)}\n`);
  if (failures > 0) {
    io.stderr.write(`sluice views verify: ${failures} of ${reports.length} view(s) ${options.determinism ? 'are not deterministic' : 'differ from a rebuild from the log'}.\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}
