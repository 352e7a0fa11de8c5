// The typed client's promise, checked by the compiler itself: a child `tsc` compiles the typed-queries fixture
// with its @ts-expect-error markers removed and must report a type error on every marked line and on no other.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = join(ROOT, 'test', 'client', 'fixtures', 'typed-queries.ts');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function runTsc(project: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', project], { timeout: 120_000 }, (_err, stdout) => resolve(stdout));
  });
}

describe('client view query types', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-types-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  context('when a call names a wrong view, query, parameter or answer field', () => {
    it('fails to compile on exactly those lines', async () => {
      const lines = readFileSync(FIXTURE, 'utf8').split('\n');
      const expected: number[] = [];
      // Markers become blank comments (line numbers stay); imports point at the built declarations.
      const stripped = lines.map((line, i) => {
        if (line.trim().startsWith('// @ts-expect-error')) {
          expected.push(i + 2);
          return '//';
        }
        return line.replace(/from '\.\.\/\.\.\/\.\.\/([^']+)'/, (_m, path: string) => `from '${join(ROOT, 'dist', path)}'`);
      });
      expect(expected.length).to.be.at.least(10);
      writeFileSync(join(dir, 'typed-queries.ts'), stripped.join('\n'));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true,
          experimentalDecorators: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['typed-queries.ts'],
      }));
      const output = await runTsc(join(dir, 'tsconfig.json'));
      const errorLines = [...output.matchAll(/typed-queries\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1]));
      expect(errorLines.length, output).to.be.at.least(expected.length);
      expect([...new Set(errorLines)].sort((a, b) => a - b), output).to.deep.equal(expected);
    });
  });
});
