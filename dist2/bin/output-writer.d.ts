export declare class OutputWriter {
    private readonly out;
    private closedPipe;
    private failure;
    constructor(out: NodeJS.WritableStream);
    /** True once the reader went away; producers stop. */
    get closed(): boolean;
    write(chunk: Buffer | string): Promise<void>;
}
