export interface ServerAddress {
    readonly pid: number;
    readonly url: string;
}
export declare function writeServerAddress(dataDir: string, url: string): void;
export declare function removeServerAddress(dataDir: string): void;
/** The URL of the server process `pid`, if it left its address in `dataDir`. */
export declare function serverUrlFor(dataDir: string, pid: number): string | undefined;
