// The bank example's view evolution: evolve.sh upgrades `balances` to version 2 by a rebuild on start, and by
// `sluice reindex` beside a running server (no downtime). The script checks each step itself and exits non-zero.
import { expect } from 'chai';
import { join } from 'node:path';
import { REPO_ROOT, runProcess } from '../helpers/example-kit.js';

describe('examples/bank evolve.sh @slow', () => {
  context('when balances goes from version 1 to version 2', () => {
    it('rebuilds it on start, and serves a reindexed build at once after a restart', async () => {
      const result = await runProcess('bash', [join(REPO_ROOT, 'examples', 'bank', 'evolve.sh')], { timeoutMs: 90_000 });
      expect(result.code, result.stderr + result.stdout).to.equal(0);
      expect(result.stdout).to.match(/GET \/views\/balances -> version 2, ready at offset \d+: rebuilt from the whole log/);
      expect(result.stdout).to.match(/balances v2 build #\d+: ready at offset \d+/);
      expect(result.stdout).to.match(/the running server still answers from version 1/);
      expect(result.stdout).to.match(/right after start -> version 2, ready\n.*"overdraftAttempts":[1-9]/);
    });
  });
});
