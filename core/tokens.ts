// Injection tokens: one named Symbol per service. Constructors take them with explicit @inject(TOKEN).
// openStore registers each of them in the store's child container; `StoreOptions.register` may replace any of them
// (for instance another log backend) before the first one is resolved.
export const TOKENS = {
  /** The StoreOptions the store was opened with. */
  Config: Symbol('sluice.Config'),
  /** The LogBackend that opens the store's log: the file log unless another backend is registered. */
  LogBackend: Symbol('sluice.LogBackend'),
  /** The file system the file log backend writes through. */
  LogFileSystem: Symbol('sluice.LogFileSystem'),
  /** The store's open EventLog. */
  Log: Symbol('sluice.Log'),
  /** The pino-compatible Logger. */
  Logger: Symbol('sluice.Logger'),
  /** The views' LMDB environment (ViewStore). */
  ViewStore: Symbol('sluice.ViewStore'),
  /** How the view engine runs (ViewEngineSettings). */
  ViewEngineSettings: Symbol('sluice.ViewEngineSettings'),
  /** The store's ViewEngine. */
  Views: Symbol('sluice.Views'),
  /** The Store itself, for plugins and view classes that need the whole store. */
  Store: Symbol('sluice.Store'),
  /** The store's consumer groups (writers only). */
  Groups: Symbol('sluice.Groups'),
} as const;
