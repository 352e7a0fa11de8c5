// `node dist/bench/run-http-bench.js`: the HTTP stage alone (the no-op reference, then Sluice) on a fresh data
// directory; `SLUICE_BENCH_HTTP_SECONDS` sets the length of each load. Writes `bench/results/http-<date>.json`.
import { runHttpBench } from './http-bench.js';
import { runStageAlone } from './stage-alone.js';

await runStageAlone('http', runHttpBench);
