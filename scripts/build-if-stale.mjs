// `npm start` runs this first: it builds (incrementally) only when a source is newer than the last build, so a
// start with nothing changed costs a directory walk, not a type-check. `npm run build` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'dist', '.tsbuildinfo');
const SKIP = new Set(['node_modules', 'dist', 'coverage', 'data', '.git']);

/** The newest modification time of the TypeScript sources and the build's own configuration. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'bin', 'sluice.js'))) return true;
  const built = statSync(stamp).mtimeMs;
  const config = Math.max(...['tsconfig.json', 'package.json', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs));
  return config > built || newestSource(root) > built;
}

if (isStale()) {
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  // postbuild stamps dist/.tsbuildinfo: tsc leaves it untouched when no output changed.
  process.exit(result.status ?? 1);
}
