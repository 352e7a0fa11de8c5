export declare const TOKENS: {
    readonly Config: symbol;
    readonly Log: symbol;
    readonly LogFileSystem: symbol;
    readonly Logger: symbol;
    readonly ViewStore: symbol;
    readonly Views: symbol;
    readonly Store: symbol;
    readonly Groups: symbol;
};
