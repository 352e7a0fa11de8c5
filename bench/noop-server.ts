// The reference for the HTTP stages: a Fastify server that parses an append's JSON body and answers 201 with a
// response of the same shape, storing nothing. Started by the bench as a child process, like the real server, on the
// same host, so the ratio Sluice / no-op is the cost of storing (log, fsync, views) over what Fastify itself needs.
import { fastify } from 'fastify';

const app = fastify({ logger: false });
let offset = 0;
app.post<{ Params: { stream: string }; Body: { events?: unknown[] } }>('/streams/:stream', {
  schema: {
    response: {
      201: {
        type: 'object',
        properties: { stream: { type: 'string' }, offsets: { type: 'array', items: { type: 'integer' } }, revisions: { type: 'array', items: { type: 'integer' } }, lastOffset: { type: 'integer' } },
      },
    },
  },
}, async (request, reply) => {
  const count = Array.isArray(request.body.events) ? request.body.events.length : 1;
  const offsets = Array.from({ length: count }, () => (offset += 100));
  return reply.code(201).send({ stream: request.params.stream, offsets, revisions: offsets.map((_, i) => i), lastOffset: offsets[count - 1] });
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`No-op listening on ${url}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
