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
export declare class NodeLogFileSystem implements LogFileSystem {
    openFile(path: string, mode: 'read' | 'write'): LogFile;
    exists(path: string): boolean;
    list(dir: string): string[];
    mkdirp(dir: string): void;
    syncDir(dir: string): Promise<void>;
    readFile(path: string): Buffer | undefined;
    writeFileAtomic(path: string, data: Buffer): Promise<void>;
    remove(path: string): void;
}
