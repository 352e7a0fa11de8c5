// The file-system seam under the log. Reads are synchronous (page-cache fast, no promise per record);
// durability (datasync, directory sync) is asynchronous. Tests swap in a crash-simulating implementation.
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { injectable } from '../di.js';

export interface LogFile {
  readonly path: string;
  size(): number;
  /** Reads up to `length` bytes at `position`; returns the bytes read (0 at end of file). */
  read(buffer: Buffer, bufferOffset: number, length: number, position: number): number;
  /** Writes all of `buffer` at `position`. */
  write(buffer: Buffer, position: number): void;
  datasync(): Promise<void>;
  truncate(length: number): void;
  close(): void;
}

export interface LogFileSystem {
  /** `write` creates the file when missing. */
  openFile(path: string, mode: 'read' | 'write'): LogFile;
  exists(path: string): boolean;
  list(dir: string): string[];
  mkdirp(dir: string): void;
  /** Makes file creations, renames and removals in `dir` durable. */
  syncDir(dir: string): Promise<void>;
  readFile(path: string): Buffer | undefined;
  /** Replaces `path` with `data` so that a crash leaves either the old or the new content. */
  writeFileAtomic(path: string, data: Buffer): Promise<void>;
  remove(path: string): void;
}

class NodeLogFile implements LogFile {
  constructor(readonly path: string, private readonly fd: number) {}

  size(): number {
    return fs.fstatSync(this.fd).size;
  }

  read(buffer: Buffer, bufferOffset: number, length: number, position: number): number {
    let total = 0;
    while (total < length) {
      const n = fs.readSync(this.fd, buffer, bufferOffset + total, length - total, position + total);
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  write(buffer: Buffer, position: number): void {
    let written = 0;
    while (written < buffer.length) {
      written += fs.writeSync(this.fd, buffer, written, buffer.length - written, position + written);
    }
  }

  datasync(): Promise<void> {
    return new Promise((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  truncate(length: number): void {
    fs.ftruncateSync(this.fd, length);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function fsyncPath(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(path, 'r', (openErr, fd) => {
      if (openErr) return reject(openErr);
      fs.fsync(fd, (syncErr) => fs.close(fd, () => (syncErr ? reject(syncErr) : resolve())));
    });
  });
}

@injectable()
export class NodeLogFileSystem implements LogFileSystem {
  openFile(path: string, mode: 'read' | 'write'): LogFile {
    const flags = mode === 'read' ? fs.constants.O_RDONLY : fs.constants.O_RDWR | fs.constants.O_CREAT;
    return new NodeLogFile(path, fs.openSync(path, flags, 0o644));
  }

  exists(path: string): boolean {
    return fs.existsSync(path);
  }

  list(dir: string): string[] {
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  }

  mkdirp(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
  }

  syncDir(dir: string): Promise<void> {
    return fsyncPath(dir);
  }

  readFile(path: string): Buffer | undefined {
    try {
      return fs.readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async writeFileAtomic(path: string, data: Buffer): Promise<void> {
    const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      try {
        fs.writeSync(fd, data);
        await new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, path);
    } catch (err) {
      // A full disk must not keep the half-written copy: it holds space the log needs to resume.
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    await this.syncDir(dirname(path));
  }

  remove(path: string): void {
    fs.rmSync(path, { force: true });
  }
}
