/** Drops everything; the default when the embedding application passes no logger. */
export const silentLogger = {
    info() { },
    warn() { },
    error() { },
};
//# sourceMappingURL=logger.js.map