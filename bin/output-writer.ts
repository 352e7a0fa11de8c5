// Buffered writes to stdout: lines collect into ~1 MiB chunks, and a full chunk waits for 'drain',
// so a slow reader slows the producer instead of growing memory. A closed pipe (`| head`) ends quietly.
export class OutputWriter {
  private parts: string[] = [];
  private size = 0;
  private closedPipe = false;
  private failure: Error | undefined;

  constructor(private readonly out: NodeJS.WritableStream, private readonly chunkChars = 1 << 20) {
    out.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') this.closedPipe = true;
      else this.failure = err;
    });
  }

  /** True once the reader went away; producers stop. */
  get closed(): boolean {
    return this.closedPipe;
  }

  /** Adds text; returns true when the buffer is full and the caller should `await flush()`. */
  push(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.chunkChars;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.size === 0 || this.closedPipe) {
      this.parts = [];
      this.size = 0;
      return;
    }
    const chunk = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.out.off('drain', done);
          this.out.off('close', done);
          this.out.off('error', done);
          resolve();
        };
        this.out.on('drain', done);
        this.out.on('close', done);
        this.out.on('error', done);
      });
    }
  }
}
