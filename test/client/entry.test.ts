// The client entry runs in browsers: following every import of the compiled dist/client/index.js (relative files and
// the packages they use), no module is a Node built-in (`node:*` or a bare built-in name).
import { expect } from 'chai';
import { builtinModules, createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = join(ROOT, 'dist', 'client', 'index.js');
const BUILTINS = new Set(builtinModules);

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** require() resolves a package to its CommonJS build; the ES module build beside it is what browsers load. */
function esmFile(resolved: string): string {
  const esm = resolved.replace(/\.cjs$/, '.js');
  return existsSync(esm) ? esm : resolved;
}

/** Every module reachable from `entry`, and the specifiers that name Node built-ins. */
function walk(entry: string): { files: string[]; builtins: string[] } {
  const files: string[] = [];
  const builtins: string[] = [];
  const queue = [entry];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('node:') || BUILTINS.has(spec)) builtins.push(`${file} -> ${spec}`);
      else if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else queue.push(esmFile(createRequire(file).resolve(spec)));
    }
  }
  return { files, builtins };
}

describe('client entry', () => {
  it('imports no Node built-in module, directly or through its dependencies', () => {
    const { files, builtins } = walk(ENTRY);
    expect(files.map((f) => f.slice(ROOT.length))).to.include.members(['dist/client/index.js', 'dist/client/subscription.js']);
    expect(files.some((f) => f.includes('eventsource-parser'))).to.equal(true);
    expect(builtins).to.deep.equal([]);
  });

  it('would notice one: the walk finds the Node built-ins the config loader imports', () => {
    expect(walk(join(ROOT, 'dist', 'config', 'config.js')).builtins).to.include.members([`${join(ROOT, 'dist', 'config', 'config.js')} -> node:fs`]);
  });
});
