export declare const EXIT_OK = 0;
export declare const EXIT_FAILURE = 1;
export declare const EXIT_USAGE = 2;
export declare function reportError(err: unknown, command: string | undefined, stderr: NodeJS.WritableStream): number;
