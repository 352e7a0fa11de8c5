// The folders depend one way: core <- views <- plugins <- store (the composition root) <- server, bin. config/ sits
// just above core so the server and the CLI share it. This test reads every source file's imports and fails on an
// import that points up the list, so a shortcut shows up in review rather than in a tangle a year later.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const RANK = { core: 0, config: 1, views: 1, plugins: 2, store: 3, server: 4, bin: 5 };
/** The CLI's one way into the server: the `serve` command starts it. */
const BIN_MAY_IMPORT_SERVER = new Set(['bin/commands/serve.ts']);
function sourceFiles(dir) {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory())
            return sourceFiles(path);
        return name.endsWith('.ts') ? [path] : [];
    });
}
function importsOf(file) {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
}
function upwardImports() {
    const found = [];
    for (const folder of Object.keys(RANK)) {
        for (const file of sourceFiles(join(root, folder))) {
            const from = relative(root, file);
            for (const spec of importsOf(file)) {
                const target = relative(root, resolve(dirname(file), spec));
                const targetFolder = target.split('/')[0];
                if (targetFolder === folder)
                    continue;
                const allowed = RANK[targetFolder] !== undefined && RANK[targetFolder] < RANK[folder]
                    && !(folder === 'bin' && targetFolder === 'server' && !BIN_MAY_IMPORT_SERVER.has(from));
                if (!allowed)
                    found.push(`${from} -> ${target}`);
            }
        }
    }
    return found;
}
describe('folder layering', () => {
    it('has no import from a folder to one above it', () => {
        expect(upwardImports()).to.deep.equal([]);
    });
});
//# sourceMappingURL=layers.test.js.map