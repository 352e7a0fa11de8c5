// Writes chunks to stdout with backpressure: a write the stream cannot take yet waits for 'drain', so a slow
// reader slows the producer instead of growing memory. A closed pipe (`| head`) ends output quietly.
export class OutputWriter {
    out;
    closedPipe = false;
    failure;
    constructor(out) {
        this.out = out;
        out.on('error', (err) => {
            if (err.code === 'EPIPE')
                this.closedPipe = true;
            else
                this.failure = err;
        });
    }
    /** True once the reader went away; producers stop. */
    get closed() {
        return this.closedPipe;
    }
    async write(chunk) {
        if (this.failure)
            throw this.failure;
        if (this.closedPipe || chunk.length === 0)
            return;
        if (this.out.write(chunk))
            return;
        await new Promise((resolve) => {
            const done = () => {
                this.out.off('drain', done);
                this.out.off('close', done);
                this.out.off('error', done);
                resolve();
            };
            this.out.on('drain', done);
            this.out.on('close', done);
            this.out.on('error', done);
        });
        if (this.failure)
            throw this.failure;
    }
}
//# sourceMappingURL=output-writer.js.map