export class DeferredLogger {
    target;
    held = [];
    info(obj, msg) {
        this.emit('info', obj, msg);
    }
    warn(obj, msg) {
        this.emit('warn', obj, msg);
    }
    error(obj, msg) {
        this.emit('error', obj, msg);
    }
    /** Sends what was held, then everything from now on, to `target`. */
    attach(target) {
        this.target = target;
        for (const [level, obj, msg] of this.held.splice(0))
            target[level](obj, msg);
    }
    emit(level, obj, msg) {
        if (this.target)
            this.target[level](obj, msg);
        else
            this.held.push([level, obj, msg]);
    }
}
//# sourceMappingURL=deferred-logger.js.map