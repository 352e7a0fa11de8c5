// A plugin module for the round-worker tests: `threads` counts the records applied on each thread (so a test can
// see where rounds ran), `picky` refuses records of type `boom` (so a test can see a failure cross the thread).
import { threadId } from 'node:worker_threads';
import { defineView } from '../../core/view-engine/view-definition.js';
import { definePlugin } from '../../plugins/define-plugin.js';

const threadsView = defineView({
  name: 'threads', version: 1, description: 'records applied per thread id', dbs: { threads: {} },
  apply(record, ctx) {
    ctx.dbs.threads!.put(threadId, ((ctx.dbs.threads!.get(threadId) as number | undefined) ?? 0) + 1);
  },
  queries: {
    threads: {
      params: { type: 'object', additionalProperties: false, properties: {} },
      handler: (_p: Record<string, never>, ctx) => [...ctx.dbs.threads!.getRange()].map(({ key, value }) => ({ thread: key as number, records: value as number })),
    },
  },
});

const pickyView = defineView({
  name: 'picky', version: 1, description: 'records per type, refusing booms', dbs: { counts: {} },
  apply(record, ctx) {
    if (record.type === 'boom') throw new Error(`picky refuses a boom at ${record.offset}`);
    ctx.dbs.counts!.put(record.type, ((ctx.dbs.counts!.get(record.type) as number | undefined) ?? 0) + 1);
  },
  queries: {},
});

export default definePlugin({ name: 'thread-views', views: [threadsView, pickyView] });
