// Telling a full disk from other I/O failures, and the back-off of the probes that wait for space to come back.
// A full disk (ENOSPC, or a quota: EDQUOT) is the one I/O failure Sluice recovers from by itself: the write did not
// happen (or happened in part, and is cut back), so nothing acknowledged depends on it. Other errors (EIO) stop for good.
import { statfsSync } from 'node:fs';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
/** errno numbers as LMDB reports them (a number in `code`; Linux values). */
const ERRNO_NAMES = new Map([[5, 'EIO'], [28, 'ENOSPC'], [122, 'EDQUOT']]);
/** Below this much free space, an EIO from a short write is taken for a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/** The errno name of an I/O error (`ENOSPC`, `EIO`), when it carries one. */
export function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'number') return ERRNO_NAMES.get(code) ?? ERRNO_NAMES.get(-code);
  return undefined;
}

/** Whether `err` says the disk (or the user's quota) is full. */
export function isDiskFull(err: unknown): boolean {
  const errno = errnoOf(err);
  if (errno !== undefined && DISK_FULL_CODES.has(errno)) return true;
  return err instanceof Error && /no space left on device|disk quota exceeded/i.test(err.message);
}

/**
 * Whether `err`, raised writing under `path`, means its disk is full. LMDB reports a short write (the disk filled
 * up in the middle of it) as EIO: that counts when the file system has (almost) no space left.
 */
export function isDiskFullAt(path: string, err: unknown): boolean {
  if (isDiskFull(err)) return true;
  if (errnoOf(err) !== 'EIO') return false;
  try {
    const stats = statfsSync(path);
    return stats.bavail * stats.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** Waits between probes: from `firstMs`, doubling up to `maxMs`; reset once a probe succeeds. */
export class Backoff {
  private nextMs: number;

  constructor(private readonly firstMs = 100, private readonly maxMs = 2000) {
    this.nextMs = firstMs;
  }

  /** The wait before the next probe (and doubles the one after). */
  next(): number {
    const wait = this.nextMs;
    this.nextMs = Math.min(this.maxMs, this.nextMs * 2);
    return wait;
  }

  reset(): void {
    this.nextMs = this.firstMs;
  }
}
