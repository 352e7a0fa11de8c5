export const META_DB = 'sluice:meta';
export const META_FORMAT = 1;
export function storageKey(view, build) {
    return ['storage', view, build];
}
export function activeKey(view) {
    return ['active', view];
}
function buildsKey(view) {
    return ['builds', view];
}
/** `<view>@v<version>#<build>`: the prefix of the storage's sub-database names. */
export function storageId(meta) {
    return `${meta.view}@v${meta.version}#${meta.build}`;
}
export function readStorage(meta, view, build) {
    return meta.get(storageKey(view, build));
}
/** Every storage of `view`, oldest build first. */
export function listStorages(meta, view) {
    const out = [];
    for (const { value } of meta.getRange({ start: ['storage', view], end: ['storage', view, Number.MAX_SAFE_INTEGER] })) {
        out.push(value);
    }
    return out;
}
/** Names of every view with storages or an active pointer. */
export function listViewNames(meta) {
    const names = new Set();
    for (const key of meta.getKeys({ start: ['storage'], end: ['storage', '\u{10ffff}'] }))
        names.add(key[1]);
    return [...names];
}
export function readActive(meta, view) {
    return meta.get(activeKey(view));
}
/** Creates a new, empty storage row. Call inside a write transaction. */
export function createStorage(meta, view, version, start, builder) {
    const build = (meta.get(buildsKey(view)) ?? 0) + 1;
    meta.putSync(buildsKey(view), build);
    const row = {
        view, version, build, state: 'building', position: null, next: start, last: null, records: 0, error: null,
        createdAt: Date.now(), readyAt: null, builder,
    };
    meta.putSync(storageKey(view, build), row);
    return row;
}
export function writeStorage(meta, row) {
    meta.putSync(storageKey(row.view, row.build), row);
}
//# sourceMappingURL=view-meta.js.map