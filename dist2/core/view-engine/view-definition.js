/** Identity helper that type-checks a plain view object. */
export function defineView(view) {
    return view;
}
export const VIEW_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const DB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const QUERY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Returns why `view` breaks the contract, or undefined when it honours it. */
export function viewDefinitionProblem(view) {
    if (view === null || typeof view !== 'object')
        return 'a view must be an object or a class';
    const v = view;
    if (typeof v.name !== 'string' || !VIEW_NAME.test(v.name)) {
        return `name ${JSON.stringify(v.name)} must be 1-64 letters, digits, "_" or "-"`;
    }
    const at = `view ${v.name}: `;
    if (typeof v.version !== 'number' || !Number.isSafeInteger(v.version) || v.version < 0) {
        return `${at}version must be a non-negative integer (got ${JSON.stringify(v.version)})`;
    }
    if (v.dbs === null || typeof v.dbs !== 'object' || Array.isArray(v.dbs))
        return `${at}dbs must be an object of sub-database options`;
    for (const name of Object.keys(v.dbs)) {
        if (!DB_NAME.test(name))
            return `${at}sub-database name ${JSON.stringify(name)} must be 1-64 letters, digits, "_" or "-"`;
    }
    if (typeof v.apply !== 'function')
        return `${at}apply must be a function`;
    if (v.flush !== undefined && typeof v.flush !== 'function')
        return `${at}flush must be a function`;
    if (v.queries === null || typeof v.queries !== 'object' || Array.isArray(v.queries))
        return `${at}queries must be an object`;
    for (const [name, query] of Object.entries(v.queries)) {
        if (!QUERY_NAME.test(name))
            return `${at}query name ${JSON.stringify(name)} must be 1-64 letters, digits, "_" or "-"`;
        if (query === null || typeof query !== 'object')
            return `${at}query ${name} must be an object`;
        if (typeof query.handler !== 'function')
            return `${at}query ${name} needs a handler function`;
        const params = query.params;
        if (params === null || typeof params !== 'object' || params.type !== 'object') {
            return `${at}query ${name} needs a params JSON schema of type "object"`;
        }
    }
    return undefined;
}
//# sourceMappingURL=view-definition.js.map