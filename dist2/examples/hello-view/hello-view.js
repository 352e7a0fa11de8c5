// The smallest custom view: counts events per type. Serve it with the config next to this file, which lists the
// compiled module under "plugins":  SLUICE_CONFIG=examples/hello-view/sluice.config.json npm start
//   curl 'localhost:7070/views/hello/count?type=Deposited'   ->   {"type":"Deposited","count":2}
import { definePlugin, defineView } from '../../store/index.js'; // in your project: from 'sluice'
export const hello = defineView({
    name: 'hello',
    version: 1, // bump it when apply changes: the view rebuilds itself from the log
    dbs: { counts: {} }, // one LMDB sub-database: event type -> count
    // Runs inside the view's write transaction; its writes commit together with the view's position.
    apply(record, { dbs }) {
        dbs.counts.put(record.type, (dbs.counts.get(record.type) ?? 0) + 1);
    },
    queries: {
        count: {
            description: 'how many events of a type the log holds',
            params: { type: 'object', required: ['type'], properties: { type: { type: 'string' } }, additionalProperties: false },
            handler: ({ type }, { dbs }) => ({ type, count: dbs.counts.get(type) ?? 0 }),
        },
    },
});
export default definePlugin({ name: 'hello', views: [hello] });
//# sourceMappingURL=hello-view.js.map