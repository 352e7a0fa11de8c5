// `log.meta`: the log's format, version and secret salt, created once by the first writer and read by everyone.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
import type { LogFileSystem } from './log-file-system.js';
import { segmentBases } from './segment-names.js';

export interface LogMeta {
  format: 'sluice-log';
  version: 1;
  salt: number;
}

export const META_FILE = 'log.meta';

/** Reads the meta file; a writer creates it (atomically) in an empty directory. */
export async function loadLogMeta(fs: LogFileSystem, dir: string, readOnly: boolean): Promise<LogMeta> {
  const raw = fs.readFile(join(dir, META_FILE));
  if (raw) {
    let meta: LogMeta;
    try {
      meta = JSON.parse(raw.toString('utf8')) as LogMeta;
    } catch {
      throw new SluiceError('LOG_FORMAT', { dir, reason: `${META_FILE} is not valid JSON` });
    }
    if (meta.format !== 'sluice-log' || meta.version !== 1 || !Number.isInteger(meta.salt)) {
      throw new SluiceError('LOG_FORMAT', { dir, reason: `${META_FILE} describes an unsupported format` });
    }
    return meta;
  }
  if (readOnly) throw new SluiceError('LOG_FORMAT', { dir, reason: 'no log here yet (start a writer first)' });
  if (segmentBases(fs.list(dir)).length > 0) throw new SluiceError('LOG_FORMAT', { dir, reason: `segments without ${META_FILE}` });
  const meta: LogMeta = { format: 'sluice-log', version: 1, salt: randomBytes(4).readUInt32LE(0) };
  await fs.writeFileAtomic(join(dir, META_FILE), Buffer.from(JSON.stringify(meta)));
  return meta;
}
