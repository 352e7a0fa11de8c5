// Injection tokens: one named Symbol per service. Constructors take them with explicit @inject(TOKEN).
export const TOKENS = {
    Config: Symbol('sluice.Config'),
    Log: Symbol('sluice.Log'),
    LogFileSystem: Symbol('sluice.LogFileSystem'),
    Logger: Symbol('sluice.Logger'),
    ViewStore: Symbol('sluice.ViewStore'),
    Views: Symbol('sluice.Views'),
    Store: Symbol('sluice.Store'),
    Groups: Symbol('sluice.Groups'),
};
//# sourceMappingURL=tokens.js.map