// Consumer groups (persistent subscriptions) over HTTP: create, list, inspect, delete; read (lease records), ack,
// nack; the parked list and its replay. The state machine is core/groups; this file maps HTTP onto it.
import type { FastifyInstance } from 'fastify';
import type { Delivery } from '../../core/groups/consumer-groups.js';
import { recordToJson } from '../../core/wire/record-json.js';
import type { RouteContext } from '../route-context.js';

const NAME = { type: 'object', required: ['group'], properties: { group: { type: 'string' } } };
const FILTER = {
  type: 'object', additionalProperties: false, description: 'all given must hold',
  properties: { stream: { type: 'string' }, category: { type: 'string', description: 'stream name prefix' }, type: { type: 'string' }, tag: { type: 'string' } },
};
const OFFSETS = { type: 'array', minItems: 1, maxItems: 10_000, items: { type: 'integer', minimum: 0 } };
const INVALID = { body: 'GROUP_INVALID', querystring: 'GROUP_INVALID' } as const;

interface GroupParams { group: string }

export async function groupRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { store, config, live } = ctx;

  app.post<{ Body: { name: string; filter?: Record<string, string>; from?: 'start' | 'end' | number; maxDeliveries?: number; ackTimeoutMs?: number } }>('/groups', {
    schema: {
      summary: 'Create a consumer group (a persistent subscription kept on the server)', tags: ['groups'],
      body: {
        type: 'object', required: ['name'], additionalProperties: false,
        properties: {
          name: { type: 'string' }, filter: FILTER,
          from: { anyOf: [{ type: 'string', enum: ['start', 'end'] }, { type: 'integer', minimum: 0 }], description: 'start (default), end, or a record offset' },
          maxDeliveries: { type: 'integer', description: 'deliveries before a record is parked (default 5)' },
          ackTimeoutMs: { type: 'integer', description: 'lease length before a record is handed out again (default 30000)' },
        },
      },
    },
    config: { scope: 'admin', validationErrors: INVALID },
  }, async (request, reply) => reply.code(201).send(await store.groups.create(request.body)));

  app.get('/groups', {
    schema: { summary: 'List consumer groups with their checkpoint, lag, in-flight and parked counts', tags: ['groups'] },
    config: { scope: 'read' },
  }, async () => ({ groups: store.groups.list() }));

  app.get<{ Params: GroupParams }>('/groups/:group', {
    schema: { summary: 'One consumer group', tags: ['groups'], params: NAME },
    config: { scope: 'read' },
  }, async (request) => store.groups.info(request.params.group));

  app.delete<{ Params: GroupParams }>('/groups/:group', {
    schema: { summary: 'Delete a consumer group, its checkpoint and parked list', tags: ['groups'], params: NAME },
    config: { scope: 'admin' },
  }, async (request, reply) => {
    await store.groups.delete(request.params.group);
    return reply.code(204).send();
  });

  app.post<{ Params: GroupParams; Body: { consumer?: string; limit?: number; wait?: number } | undefined }>('/groups/:group/read', {
    schema: {
      summary: 'Lease up to `limit` records to this consumer (long-polls up to `wait` ms when none is ready)', tags: ['groups'], params: NAME,
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          consumer: { type: 'string', maxLength: 200 },
          limit: { type: 'integer', minimum: 1, maximum: 10_000, description: 'default 100' },
          wait: { type: 'integer', minimum: 0, description: `ms to wait for a record (default 0, capped at ${config.limits.maxWaitMs})` },
        },
      },
    },
    config: { scope: 'read', validationErrors: INVALID },
  }, async (request, reply) => {
    const body = request.body ?? {};
    const waitMs = Math.min(body.wait ?? 0, config.limits.maxWaitMs);
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    // A long-poll ends when its client goes away or the server shuts down.
    reply.raw.once('close', abort);
    const unregister = live.add({ stop: abort, socket: request.raw.socket });
    let deliveries: Delivery[];
    try {
      deliveries = await store.groups.read(request.params.group, { consumer: body.consumer, limit: body.limit, waitMs, signal: controller.signal });
    } finally {
      unregister();
      reply.raw.off('close', abort);
    }
    const records = deliveries.map(({ record, deliveries: n }) => ({ ...recordToJson(record), deliveries: n }));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ records }));
  });

  app.post<{ Params: GroupParams; Body: { offsets: number[] } }>('/groups/:group/ack', {
    schema: {
      summary: 'Acknowledge leased records: the checkpoint moves past every record acknowledged or parked', tags: ['groups'], params: NAME,
      body: { type: 'object', required: ['offsets'], additionalProperties: false, properties: { offsets: OFFSETS } },
    },
    config: { scope: 'read', validationErrors: INVALID },
  }, async (request) => store.groups.ack(request.params.group, request.body.offsets));

  app.post<{ Params: GroupParams; Body: { offsets: number[]; action?: 'retry' | 'park'; reason?: string } }>('/groups/:group/nack', {
    schema: {
      summary: 'Give leased records back: retry (parked after maxDeliveries) or park now', tags: ['groups'], params: NAME,
      body: {
        type: 'object', required: ['offsets'], additionalProperties: false,
        properties: { offsets: OFFSETS, action: { type: 'string', enum: ['retry', 'park'] }, reason: { type: 'string', maxLength: 500 } },
      },
    },
    config: { scope: 'read', validationErrors: INVALID },
  }, async (request) => store.groups.nack(request.params.group, request.body.offsets, request.body.action, request.body.reason));

  app.get<{ Params: GroupParams; Querystring: { after?: number; limit?: number } }>('/groups/:group/parked', {
    schema: {
      summary: 'The parked (dead-letter) records of a group, by offset', tags: ['groups'], params: NAME,
      querystring: { type: 'object', properties: { after: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: config.limits.maxPageSize } } },
    },
    config: { scope: 'read', validationErrors: INVALID },
  }, async (request) => {
    const limit = request.query.limit ?? config.limits.defaultPageSize;
    const parked = store.groups.parked(request.params.group, { after: request.query.after, limit });
    return { parked, after: parked.length === limit ? parked[parked.length - 1]!.offset : null };
  });

  app.post<{ Params: GroupParams }>('/groups/:group/parked/replay', {
    schema: { summary: 'Hand the parked records out again (each stays listed until acknowledged)', tags: ['groups'], params: NAME },
    config: { scope: 'admin' },
  }, async (request) => ({ replayed: await store.groups.replayParked(request.params.group) }));
}
