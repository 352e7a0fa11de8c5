// API keys: how they are configured (SLUICE_API_KEYS, config, keys file), that only digests are kept, and that a
// presented key is compared with every configured digest, the same way whatever it is.
import { expect } from 'chai';
import fc from 'fast-check';
import { timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSluiceError } from '../../core/errors.js';
import { ApiKeyRing, bearerKey, parseKeyList, sha256 } from '../../config/api-keys.js';
import { configuredKeys, loadConfig, resolveConfig } from '../../config/config.js';
const K1 = 'first-key-0123456789abcdef';
const K2 = 'second-key-0123456789abcde';
const K3 = 'third-key-0123456789abcdef';
function configError(fn) {
    try {
        fn();
    }
    catch (err) {
        expect(isSluiceError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
        return { field: String(err.details.field), message: err.message };
    }
    throw new Error('expected SLUICE_ERR_CONFIG_INVALID');
}
describe('server: API keys', () => {
    describe('#parseKeyList', () => {
        it('reads bare keys (every scope) and keys with scopes, comma- or newline-separated', () => {
            const keys = parseKeyList(`${K1},${K2}:read,append, ${K3}:admin\n# a comment\n\n${K1}x:append`, 'SLUICE_API_KEYS');
            expect(keys.map((k) => k.scopes)).to.deep.equal([['read', 'append', 'admin'], ['read', 'append'], ['admin'], ['append']]);
            expect(keys[0].digest).to.equal(sha256(K1).toString('hex'));
        });
        it('refuses short, spaced or unscoped keys without quoting them', () => {
            for (const [spec, hint] of [['short', 'printable'], [`${K1}:write`, 'unknown scopes'], [`${K1}:`, 'unknown scopes'], ['has a space in it, really long', 'printable'], ['k'.repeat(513), 'printable']]) {
                const { message } = configError(() => parseKeyList(spec, 'SLUICE_API_KEYS'));
                expect(message).to.contain(hint);
                expect(message).to.not.contain(spec.split(':')[0]);
            }
        });
    });
    describe('#resolveConfig', () => {
        it('keeps digests only: the resolved configuration never holds a key', () => {
            const config = resolveConfig({ apiKeys: [K1, `${K2}:read`] });
            const text = JSON.stringify(config);
            expect(text).to.not.contain(K1);
            expect(text).to.not.contain(K2);
            expect(config.apiKeys).to.deep.equal([
                { digest: sha256(K1).toString('hex'), scopes: ['read', 'append', 'admin'] },
                { digest: sha256(K2).toString('hex'), scopes: ['read'] },
            ]);
            expect(resolveConfig(config).apiKeys).to.deep.equal(config.apiKeys); // resolving twice changes nothing
        });
        it('reads SLUICE_API_KEYS and a keys file, naming the variable on a bad key', async () => {
            const dir = mkdtempSync(join(tmpdir(), 'sluice-keys-'));
            try {
                writeFileSync(join(dir, 'keys.txt'), `# operators\n${K3}:admin\n`);
                writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ apiKeysFile: 'keys.txt' }));
                const config = await loadConfig({ SLUICE_API_KEYS: `${K1},${K2}:read` }, dir);
                expect(config.apiKeysFile).to.equal(join(dir, 'keys.txt'));
                const keys = configuredKeys(config);
                expect(keys.map((k) => k.scopes)).to.deep.equal([['read', 'append', 'admin'], ['read'], ['admin']]);
                const ring = new ApiKeyRing(keys);
                expect(ring.authenticate(K3)?.id).to.equal('key-3');
                let field = '';
                try {
                    await loadConfig({ SLUICE_API_KEYS: `${K1},tiny` }, dir);
                }
                catch (err) {
                    field = String(err.details.field);
                }
                expect(field).to.equal('SLUICE_API_KEYS (key 2)');
                const missing = configError(() => configuredKeys(resolveConfig({ apiKeysFile: join(dir, 'none.txt') })));
                expect(missing.field).to.equal('apiKeysFile');
            }
            finally {
                rmSync(dir, { recursive: true, force: true });
            }
        });
        it('refuses the same key twice', () => {
            expect(configError(() => new ApiKeyRing(resolveConfig({ apiKeys: [K1, `${K1}:read`] }).apiKeys)).field).to.equal('apiKeys');
        });
    });
    describe('#authenticate', () => {
        it('finds the key\'s principal (by position, never by value) and nothing for anything else', () => {
            const ring = new ApiKeyRing(parseKeyList(`${K1}:read,${K2},${K3}:append`, 'keys'));
            expect(ring.authenticate(K1)).to.deep.equal({ id: 'key-1', scopes: ['read'] });
            expect(ring.authenticate(K2)).to.deep.equal({ id: 'key-2', scopes: ['read', 'append', 'admin'] });
            expect(ring.authenticate(K3)?.id).to.equal('key-3');
            for (const other of ['', K1.slice(0, -1), `${K1} `, K1.toUpperCase(), sha256(K1).toString('hex')])
                expect(ring.authenticate(other), other).to.equal(undefined);
        });
        it('compares 32-byte digests with every configured key, whatever is presented (no early exit, no length leak)', () => {
            const keys = parseKeyList([K1, K2, K3, `${K1}-4`, `${K1}-5`].join(','), 'keys');
            const compared = [];
            const ring = new ApiKeyRing(keys, (a, b) => {
                compared.push([a.length, b.length]);
                return timingSafeEqual(a, b);
            });
            const check = (presented) => {
                compared.length = 0;
                ring.authenticate(presented);
                expect(compared, JSON.stringify(presented)).to.have.length(keys.length);
                for (const [a, b] of compared)
                    expect([a, b]).to.deep.equal([32, 32]);
            };
            // The first key, the last key, a miss, a prefix, nothing and something huge all cost the same comparisons.
            for (const presented of [K1, `${K1}-5`, K2, 'nope', K1.slice(0, 8), '', 'x'.repeat(100_000), 'ключ🔑'])
                check(presented);
            fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (presented) => check(presented)), { numRuns: 500 });
        });
    });
    describe('#bearerKey', () => {
        it('takes the key from "Bearer <key>" only', () => {
            expect(bearerKey(`Bearer ${K1}`)).to.equal(K1);
            expect(bearerKey(`bearer  ${K1} `)).to.equal(K1);
            for (const header of [undefined, K1, `Basic ${K1}`, 'Bearer', 'Bearer ', `Bearer ${K1} more`, `Bearer ${'x'.repeat(2000)}`])
                expect(bearerKey(header), header).to.equal(undefined);
        });
    });
});
//# sourceMappingURL=security-keys.test.js.map