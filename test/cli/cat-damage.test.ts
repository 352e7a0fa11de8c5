// `sluice cat` and `sluice export` across a damaged record: every good record once on stdout (export's output still
// imports), a line on stderr naming the damaged range, and exit 1 once everything else is out.
import { expect } from 'chai';
import { parseLines, runCli, tempDir, type TempDir } from '../helpers/cli-fixture.js';
import { writeDamagedStore, type DamagedStore } from '../helpers/damaged-store.js';

describe('sluice cat and export across a damaged record', () => {
  let tmp: TempDir;
  let store: DamagedStore;
  before(async () => {
    tmp = tempDir('sluice-cat-damage-');
    store = await writeDamagedStore(tmp.data);
  });
  after(() => tmp.remove());

  const marker = (command: string): string => `sluice ${command}: damaged records at offsets ${store.damaged.from}..${store.damaged.to} skipped (checksum mismatch); continuing at ${store.damaged.to}`;

  it('cat prints every good record once, names the damage on stderr and exits 1', async () => {
    const r = await runCli(['cat', '--data', tmp.data]);
    expect(r.code).to.equal(1);
    expect(parseLines(r.stdout).map((x) => x.offset)).to.deep.equal(store.good.map((g) => g.offset));
    expect(r.stderr).to.include(marker('cat'));
    expect(r.stderr).to.include('1 damaged range(s) skipped');
  });

  it('cat --from the damaged offset starts at the next good record', async () => {
    const r = await runCli(['cat', '--from', String(store.damaged.from), '--limit', '1', '--data', tmp.data]);
    expect(r.code).to.equal(1);
    expect(parseLines(r.stdout).map((x) => x.offset)).to.deep.equal([store.damaged.to]);
    expect(r.stderr).to.include(marker('cat'));
  });

  it('cat of a clean range exits 0 with nothing on stderr', async () => {
    const r = await runCli(['cat', '--from', String(store.damaged.to), '--data', tmp.data]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.equal('');
  });

  it('export writes every good record once (which imports back), names the damage on stderr and exits 1', async () => {
    const r = await runCli(['export', '--data', tmp.data]);
    expect(r.code).to.equal(1);
    const lines = parseLines(r.stdout);
    expect(lines.map((x) => x.stream)).to.deep.equal(store.good.map((g) => g.stream));
    expect(r.stderr).to.include(marker('export'));
    expect(r.stderr).to.include(`exported ${store.good.length} records`);
    const copy = tempDir('sluice-cat-damage-import-');
    try {
      const imported = await runCli(['import', '--data', copy.data], { input: r.stdout });
      expect(imported.code, imported.stderr).to.equal(0);
      const back = await runCli(['cat', '--data', copy.data]);
      expect(back.code, back.stderr).to.equal(0);
      expect(parseLines(back.stdout).map((x) => x.stream)).to.deep.equal(store.good.map((g) => g.stream));
    } finally {
      copy.remove();
    }
  });
});
