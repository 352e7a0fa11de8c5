// `node dist/bench/run-readers-bench.js`: the readers-beside-writers stage alone, on fresh data directories.
// Writes `bench/results/readers-<date>.json`.
import { runReadersBench } from './readers-bench.js';
import { runStageAlone } from './stage-alone.js';

await runStageAlone('readers', runReadersBench);
