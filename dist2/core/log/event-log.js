// The contract every log backend honours (the file log today, a replicated engine later).
// Offsets are opaque increasing positions: callers continue from a record's `next`, never do arithmetic on them.
export {};
//# sourceMappingURL=event-log.js.map