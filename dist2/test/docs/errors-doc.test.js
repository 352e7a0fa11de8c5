// docs/errors.md against core/errors.ts: every code in the table is documented exactly once, with its status, and
// no document (docs/*.md, README.md) names a code the table does not have.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../../core/errors.js';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ERRORS_DOC = join(ROOT, 'docs', 'errors.md');
/** The rows `| `CODE` | status | ... |` of the doc's tables, in order. */
function documentedRows(markdown) {
    const rows = [];
    for (const line of markdown.split('\n')) {
        const match = /^\|\s*`(SLUICE_ERR_[A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|(.*)\|\s*$/.exec(line);
        if (match)
            rows.push({ code: match[1], status: Number(match[2]), cells: match[3].split('|').map((c) => c.trim()) });
    }
    return rows;
}
describe('docs/errors.md', () => {
    const doc = readFileSync(ERRORS_DOC, 'utf8');
    const rows = documentedRows(doc);
    const table = new Map(Object.values(ERRORS).map((e) => [e.code, e.status]));
    it('lists every code of the ERRORS table, and only those', () => {
        const listed = new Set(rows.map((r) => r.code));
        const undocumented = [...table.keys()].filter((code) => !listed.has(code));
        const unknown = [...listed].filter((code) => !table.has(code));
        expect({ undocumented, unknown }).to.deep.equal({ undocumented: [], unknown: [] });
    });
    it('lists each code once', () => {
        const seen = new Set();
        for (const { code } of rows) {
            expect(seen.has(code), `${code} is listed twice`).to.equal(false);
            seen.add(code);
        }
    });
    it('gives each code the HTTP status of the table', () => {
        for (const { code, status } of rows)
            expect(status, code).to.equal(table.get(code));
    });
    it('says what each code means and what to do about it', () => {
        for (const { code, cells } of rows) {
            expect(cells, code).to.have.length(2);
            for (const cell of cells)
                expect(cell.length, `${code}: an empty cell`).to.be.greaterThan(10);
        }
    });
    it('is the only place codes are named that the table does not have (docs/*.md, README.md)', () => {
        const files = [...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f)), join(ROOT, 'README.md')];
        for (const file of files) {
            for (const [code] of readFileSync(file, 'utf8').matchAll(/SLUICE_ERR_[A-Z0-9_]*[A-Z0-9]/g)) {
                expect(table.has(code), `${file} names ${code}, which core/errors.ts does not define`).to.equal(true);
            }
        }
    });
});
//# sourceMappingURL=errors-doc.test.js.map