// How `cat` and `export` say they passed over damaged records: one line on stderr per damaged range as it is met
// (stdout stays records only, so `sluice import` can read it back), and exit code 1 once everything else is printed.
import type { DamagedSpan } from '../core/log/event-log.js';

export interface DamageReporter {
  readonly onDamage: (span: DamagedSpan) => void;
  /** 0 when nothing was damaged, else 1 (after a closing line naming what to do). */
  finish(): number;
}

export function damageReporter(command: string, stderr: NodeJS.WritableStream): DamageReporter {
  const seen: DamagedSpan[] = [];
  return {
    onDamage(span) {
      seen.push(span);
      stderr.write(`sluice ${command}: damaged records at offsets ${span.from}..${span.to} skipped (${span.reason}); continuing at ${span.to}\n`);
    },
    finish() {
      if (seen.length === 0) return 0;
      stderr.write(`sluice ${command}: ${seen.length} damaged range(s) skipped; every other record was printed. \`sluice verify\` lists the damage; restore the data directory from a backup to get it back.\n`);
      return 1;
    },
  };
}
