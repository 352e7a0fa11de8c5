// An in-memory LogFileSystem that models what a disk keeps across a crash (after SQLite's crash VFS).
// Every file has durable bytes plus pending operations (writes, truncations) made since its last datasync;
// directory entries are durable only after syncDir. A crash freezes the file system; its image is then either
// a process crash (kill -9: the page cache survives, pending stays pending) or a power loss, where each pending
// write is independently dropped, torn at a random byte, zero-filled or kept, so a later write can survive an
// earlier one that was lost. Mutating operations are numbered, and `crashAt` crashes at exactly one of them.
// `capacityBytes` models a full disk: a write that would grow the files past it lands in part and throws ENOSPC.
import { dirname } from 'node:path';
import type { LogFile, LogFileSystem } from '../../core/log/log-file-system.js';
import { SeededRandom } from './seeded-random.js';

export type PendingOp =
  | { readonly kind: 'write'; readonly seq: number; readonly pos: number; readonly data: Buffer }
  | { readonly kind: 'truncate'; readonly seq: number; readonly length: number };

interface FileNode {
  /** Visible in the directory now. */
  exists: boolean;
  /** The directory entry survives a power loss; `dirSeq` is the last unsynced entry change. */
  entryDurable: boolean;
  dirSeq: number;
  /** What a power loss keeps of the content, if the entry survives. */
  durable: Buffer;
  pending: PendingOp[];
  /** The content as processes see it. */
  data: Buffer;
}

/** A frozen disk: start a new CrashFileSystem from it to "reboot". */
export interface DiskImage {
  readonly files: ReadonlyMap<string, Readonly<FileNode>>;
}

export type WriteFate = 'dropped' | 'torn' | 'zeroed' | 'kept';

export interface CrashFileSystemOptions {
  readonly image?: DiskImage;
  /** Crash when the mutating operation with this number (1-based) starts. */
  readonly crashAt?: number;
}

export class SimulatedCrashError extends Error {
  readonly code = 'ESIMCRASH';
  constructor() {
    super('simulated crash');
  }
}

function fileError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

function writeAt(target: Buffer, pos: number, data: Buffer): Buffer {
  const end = pos + data.length;
  const out = end > target.length ? Buffer.concat([target, Buffer.alloc(end - target.length)]) : target;
  data.copy(out, pos);
  return out;
}

function applyOp(content: Buffer, op: PendingOp): Buffer {
  if (op.kind === 'truncate') {
    return op.length <= content.length ? content.subarray(0, op.length) : Buffer.concat([content, Buffer.alloc(op.length - content.length)]);
  }
  return writeAt(Buffer.from(content), op.pos, op.data);
}

function cloneNode(node: Readonly<FileNode>): FileNode {
  return {
    exists: node.exists, entryDurable: node.entryDurable, dirSeq: node.dirSeq,
    durable: Buffer.from(node.durable), pending: [...node.pending], data: Buffer.from(node.data),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class MemoryLogFile implements LogFile {
  private closed = false;

  constructor(readonly path: string, private readonly fs: CrashFileSystem, private readonly node: FileNode, private readonly writable: boolean) {}

  private assertOpen(): void {
    if (this.closed) throw fileError('EBADF', this.path);
  }

  size(): number {
    this.assertOpen();
    return this.node.data.length;
  }

  read(buffer: Buffer, bufferOffset: number, length: number, position: number): number {
    this.assertOpen();
    this.fs.noteRead(buffer.length);
    if (position >= this.node.data.length) return 0;
    return this.node.data.copy(buffer, bufferOffset, position, Math.min(position + length, this.node.data.length));
  }

  write(buffer: Buffer, position: number): void {
    this.assertOpen();
    if (!this.writable) throw fileError('EBADF', this.path);
    const room = this.fs.room(Math.max(0, position + buffer.length - this.node.data.length));
    const fits = room === undefined ? buffer.length : Math.max(0, Math.min(buffer.length, this.node.data.length - position + room));
    const op: PendingOp = { kind: 'write', seq: this.fs.step(true), pos: position, data: Buffer.from(buffer.subarray(0, fits)) };
    this.node.pending.push(op);
    this.node.data = writeAt(this.node.data, position, op.data);
    this.fs.crashIfDue();
    if (fits < buffer.length) throw fileError('ENOSPC', this.path);
  }

  truncate(length: number): void {
    this.assertOpen();
    const op: PendingOp = { kind: 'truncate', seq: this.fs.step(), length };
    this.node.pending.push(op);
    this.node.data = applyOp(this.node.data, op);
  }

  async datasync(): Promise<void> {
    this.assertOpen();
    this.fs.datasyncs++;
    const seq = this.fs.step();
    await tick();
    this.fs.assertAlive();
    while (this.node.pending.length > 0 && this.node.pending[0]!.seq <= seq) {
      this.node.durable = applyOp(this.node.durable, this.node.pending.shift()!);
    }
  }

  close(): void {
    this.closed = true;
  }
}

export class CrashFileSystem implements LogFileSystem {
  private readonly files = new Map<string, FileNode>();
  /** Crash when the mutating operation with this number starts (settable mid-run to inject an I/O failure). */
  crashAt: number | undefined;
  /** Mutating operations started so far. */
  ops = 0;
  /** datasync calls so far. */
  datasyncs = 0;
  crashed = false;
  /** The largest buffer any read was given: the most a reader allocated. */
  largestReadBuffer = 0;
  /** A full disk: the files' bytes may not grow past this (undefined: no limit). Settable mid-run. */
  capacityBytes: number | undefined;

  constructor(options: CrashFileSystemOptions = {}) {
    for (const [path, node] of options.image?.files ?? []) {
      // Operation numbers restart here: whatever the image still has pending is older than every new operation.
      const copy = cloneNode(node);
      copy.dirSeq = 0;
      copy.pending = copy.pending.map((op) => ({ ...op, seq: 0 }));
      this.files.set(path, copy);
    }
    this.crashAt = options.crashAt;
  }

  /** Starts a mutating operation; crashes here when it is the chosen one (writes crash after landing in the cache). */
  step(deferCrash = false): number {
    this.assertAlive();
    this.ops++;
    if (!deferCrash) this.crashIfDue();
    return this.ops;
  }

  /** Bytes the files hold now. */
  usedBytes(): number {
    let used = 0;
    for (const node of this.files.values()) if (node.exists) used += node.data.length;
    return used;
  }

  /** How many of `growth` new bytes fit on the disk (undefined: all, no capacity set). */
  room(growth: number): number | undefined {
    if (this.capacityBytes === undefined || growth === 0) return undefined;
    return Math.max(0, Math.min(growth, this.capacityBytes - this.usedBytes()));
  }

  crashIfDue(): void {
    if (this.ops === this.crashAt) {
      this.crashed = true;
      throw new SimulatedCrashError();
    }
  }

  assertAlive(): void {
    if (this.crashed) throw new SimulatedCrashError();
  }

  /** Crashes now (between operations). */
  crash(): void {
    this.crashed = true;
  }

  /** Sequence numbers of the writes not yet durable, oldest first. */
  pendingWrites(): number[] {
    return [...this.files.values()].flatMap((node) => node.pending.filter((op) => op.kind === 'write').map((op) => op.seq)).sort((a, b) => a - b);
  }

  noteRead(bufferLength: number): void {
    this.largestReadBuffer = Math.max(this.largestReadBuffer, bufferLength);
  }

  // ---- images -------------------------------------------------------------------------------

  /** kill -9: everything written is still there, but what was pending is still pending. */
  processCrashImage(): DiskImage {
    return { files: new Map([...this.files].map(([path, node]) => [path, cloneNode(node)])) };
  }

  /** Power loss: durable state, plus a random fate for every pending write and directory change. */
  powerLossImage(random: SeededRandom, fates?: (op: PendingOp) => WriteFate): DiskImage {
    const files = new Map<string, FileNode>();
    for (const [path, node] of this.files) {
      const survives = node.entryDurable === node.exists ? node.exists : random.chance(0.5);
      if (!survives) continue;
      let content: Buffer = Buffer.from(node.durable);
      for (const op of node.pending) {
        if (op.kind === 'truncate') {
          if (random.chance(0.5)) content = applyOp(content, op);
          continue;
        }
        const fate = fates?.(op) ?? random.pick<WriteFate>(['dropped', 'torn', 'zeroed', 'kept', 'kept']);
        if (fate === 'kept') content = writeAt(content, op.pos, op.data);
        else if (fate === 'torn') content = writeAt(content, op.pos, op.data.subarray(0, random.int(0, op.data.length - 1)));
        else if (fate === 'zeroed') content = writeAt(content, op.pos, Buffer.alloc(op.data.length));
      }
      files.set(path, { exists: true, entryDurable: true, dirSeq: 0, durable: content, pending: [], data: Buffer.from(content) });
    }
    return { files };
  }

  // ---- LogFileSystem ------------------------------------------------------------------------

  openFile(path: string, mode: 'read' | 'write'): LogFile {
    let node = this.files.get(path);
    if (!node?.exists) {
      if (mode === 'read') throw fileError('ENOENT', path);
      const seq = this.step();
      node = { exists: true, entryDurable: false, dirSeq: seq, durable: Buffer.alloc(0), pending: [], data: Buffer.alloc(0) };
      this.files.set(path, node);
    }
    return new MemoryLogFile(path, this, node, mode === 'write');
  }

  exists(path: string): boolean {
    return this.files.get(path)?.exists ?? false;
  }

  list(dir: string): string[] {
    return [...this.files].filter(([path, node]) => node.exists && dirname(path) === dir).map(([path]) => path.slice(dir.length + 1));
  }

  mkdirp(): void {
    /* directories are implicit */
  }

  async syncDir(dir: string): Promise<void> {
    const seq = this.step();
    await tick();
    this.assertAlive();
    for (const [path, node] of this.files) {
      if (dirname(path) !== dir || node.dirSeq > seq) continue;
      if (!node.exists) this.files.delete(path);
      else node.entryDurable = true;
    }
  }

  readFile(path: string): Buffer | undefined {
    const node = this.files.get(path);
    return node?.exists ? Buffer.from(node.data) : undefined;
  }

  async writeFileAtomic(path: string, data: Buffer): Promise<void> {
    const room = this.room(data.length);
    if (room !== undefined && room < data.length) throw fileError('ENOSPC', path);
    this.step();
    await tick();
    this.assertAlive();
    const content = Buffer.from(data);
    this.files.set(path, { exists: true, entryDurable: true, dirSeq: 0, durable: content, pending: [], data: Buffer.from(content) });
  }

  remove(path: string): void {
    const node = this.files.get(path);
    if (!node?.exists) return;
    node.dirSeq = this.step();
    if (node.entryDurable) node.exists = false;
    else this.files.delete(path);
  }

  // ---- test access (as if editing the disk while nothing runs) --------------------------------

  /** Current bytes of a file. */
  contentOf(path: string): Buffer | undefined {
    return this.readFile(path);
  }

  /** Replaces a file's bytes, durably. */
  setContent(path: string, content: Buffer): void {
    const node = this.files.get(path);
    const fresh: FileNode = { exists: true, entryDurable: true, dirSeq: 0, durable: Buffer.from(content), pending: [], data: Buffer.from(content) };
    if (node) Object.assign(node, fresh); // open handles see the edit
    else this.files.set(path, fresh);
  }
}
