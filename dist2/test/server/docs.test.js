// The HTTP docs cover the server as built: every route and every error code the server answers with.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../../core/errors.js';
import { openHttpFixture } from '../helpers/http-fixture.js';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOC = readFileSync(join(ROOT, 'docs', 'http-api.md'), 'utf8');
function serverSources(dir = join(ROOT, 'server')) {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? serverSources(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : []));
}
describe('docs/http-api.md', () => {
    it('documents every route the app registers', async () => {
        const fx = await openHttpFixture();
        try {
            const documented = (route) => DOC.includes(`${route.method} ${route.url}`) || (route.url.startsWith('/views/') && DOC.includes(`${route.method} /views/:view/:query`));
            const missing = fx.app.sluice.routes.filter((r) => r.method !== 'HEAD' && !documented(r));
            expect(missing.map((r) => `${r.method} ${r.url}`)).to.deep.equal([]);
        }
        finally {
            await fx.close();
        }
    });
    it('documents every error code the server raises', () => {
        const keys = new Set();
        for (const source of serverSources()) {
            for (const m of source.matchAll(/'([A-Z][A-Z_]+)'/g))
                if (m[1] in ERRORS)
                    keys.add(m[1]);
        }
        expect(keys.size).to.be.greaterThan(10);
        const missing = [...keys].map((k) => ERRORS[k].code).filter((code) => !DOC.includes(code));
        expect(missing).to.deep.equal([]);
    });
});
//# sourceMappingURL=docs.test.js.map