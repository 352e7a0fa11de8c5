// Where consumer groups live on disk: their own LMDB environment at `<dataDir>/groups`, synced on every commit (an
// acknowledged ack survives a machine crash), separate from the views' environment, which is rebuilt after one.
// Rows: ['group', name] -> definition; ['checkpoint', name] -> offset; ['parked', name, offset] -> parked record.
// A checkpoint and the parked rows it passes over commit in one transaction.
import { mkdirSync } from 'node:fs';
import { open } from 'lmdb';
export class GroupStore {
    root;
    constructor(root) {
        this.root = root;
    }
    static open(path, readOnly = false) {
        if (!readOnly)
            mkdirSync(path, { recursive: true });
        return new GroupStore(open({ path, readOnly, maxDbs: 4, mapSize: 256 * 1024 * 1024 }));
    }
    definitions() {
        return [...this.root.getRange({ start: ['group'], end: ['group', '\uffff'] })].map(({ value }) => value);
    }
    checkpoint(name) {
        return this.root.get(['checkpoint', name]);
    }
    parked(name, options = {}) {
        const start = options.after === undefined ? ['parked', name] : ['parked', name, options.after];
        const rows = [];
        for (const { key, value } of this.root.getRange({ start, end: ['parked', name, Number.MAX_SAFE_INTEGER], limit: (options.limit ?? Infinity) + 1 })) {
            if (options.after !== undefined && key[2] === options.after)
                continue;
            rows.push(value);
            if (rows.length === options.limit)
                break;
        }
        return rows;
    }
    parkedCount(name) {
        return this.root.getKeysCount({ start: ['parked', name], end: ['parked', name, Number.MAX_SAFE_INTEGER] });
    }
    /** Creates the group at its start; false (nothing written) when the name is taken. */
    async create(definition) {
        return this.root.transaction(() => {
            if (this.root.get(['group', definition.name]) !== undefined)
                return false;
            void this.root.put(['group', definition.name], definition);
            void this.root.put(['checkpoint', definition.name], definition.startFrom);
            return true;
        });
    }
    /** One commit: the checkpoint (when given), parked rows written and parked rows removed. */
    async save(name, change) {
        await this.root.transaction(() => {
            if (change.checkpoint !== undefined)
                void this.root.put(['checkpoint', name], change.checkpoint);
            for (const row of change.park ?? [])
                void this.root.put(['parked', name, row.offset], row);
            for (const offset of change.unpark ?? [])
                void this.root.remove(['parked', name, offset]);
        });
    }
    async delete(name) {
        await this.root.transaction(() => {
            void this.root.remove(['group', name]);
            void this.root.remove(['checkpoint', name]);
            for (const key of this.root.getKeys({ start: ['parked', name], end: ['parked', name, Number.MAX_SAFE_INTEGER] }))
                void this.root.remove(key);
        });
    }
    close() {
        return this.root.close();
    }
}
//# sourceMappingURL=group-store.js.map