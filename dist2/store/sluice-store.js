import { isSluiceError, SluiceError } from '../core/errors.js';
export class SluiceStore {
    dataDir;
    log;
    views;
    viewStore;
    container;
    groupsOrNone;
    closing;
    constructor(dataDir, log, views, viewStore, container, groupsOrNone) {
        this.dataDir = dataDir;
        this.log = log;
        this.views = views;
        this.viewStore = viewStore;
        this.container = container;
        this.groupsOrNone = groupsOrNone;
    }
    get groups() {
        if (this.groupsOrNone === undefined)
            throw new SluiceError('LOG_READ_ONLY');
        return this.groupsOrNone;
    }
    append(stream, events, options) {
        return this.log.append(stream, events, options);
    }
    appendBatch(writes) {
        return this.log.appendBatch(writes);
    }
    async readStream(stream, options = {}) {
        if (this.log.streamRevision(stream) === undefined)
            throw new SluiceError('STREAM_NOT_FOUND', { stream });
        if (options.after !== undefined)
            await this.views.waitFor('streams', options.after, 5000);
        const params = { stream, direction: options.direction ?? 'forward', limit: options.limit ?? 100 };
        if (options.from !== undefined)
            params.from = options.from;
        try {
            return (await this.views.query('streams', 'events', params));
        }
        catch (err) {
            // The log knows the stream but the view has not applied it yet.
            if (isSluiceError(err, 'VIEW_KEY_NOT_FOUND'))
                throw new SluiceError('STREAM_NOT_FOUND', { stream });
            throw err;
        }
    }
    /** Stops the views (waiting for the batch in flight), then closes LMDB and the log. Safe to call twice. */
    close() {
        this.closing ??= (async () => {
            try {
                await this.groupsOrNone?.close();
                await this.views.close();
                await this.viewStore.close();
            }
            finally {
                await this.log.close();
                await this.container.dispose();
            }
        })();
        return this.closing;
    }
}
//# sourceMappingURL=sluice-store.js.map