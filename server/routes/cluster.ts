// GET /cluster: in cluster mode, the JetStream stream (replicas, leader, last sequence) and this node's position
// and lag (docs/cluster.md); 404 SLUICE_ERR_CLUSTER_NOT_ENABLED on a single node.
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import type { RouteContext } from '../route-context.js';

export async function clusterRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.get('/cluster', {
    schema: {
      summary: 'Cluster mode: the replicated stream and this node\'s position (404 on a single node)', tags: ['operations'],
      response: {
        200: {
          type: 'object', required: ['mode', 'node'],
          properties: {
            mode: { type: 'string' }, connectedTo: { type: ['string', 'null'] }, servers: { type: 'array', items: { type: 'string' } },
            stream: {
              type: ['object', 'null'],
              properties: {
                name: { type: 'string' }, replicas: { type: 'integer' }, leader: { type: ['string', 'null'] }, lastSequence: { type: 'integer' },
                messages: { type: 'integer' }, bytes: { type: 'integer' },
                followers: {
                  type: 'array',
                  items: { type: 'object', properties: { name: { type: 'string' }, current: { type: 'boolean' }, activeSeconds: { type: 'number' }, lag: { type: 'integer' } } },
                },
              },
            },
            streamError: { type: 'string' }, checkedAt: { type: ['integer', 'null'] },
            node: {
              type: 'object',
              properties: {
                appliedSequence: { type: 'integer' }, localEnd: { type: 'integer' }, lagMessages: { type: 'integer' },
                following: { type: 'boolean' }, caughtUp: { type: 'boolean' }, error: { type: 'string' },
              },
            },
          },
        },
      },
    },
    config: { scope: 'read' },
  }, async () => {
    const cluster = ctx.store.cluster;
    if (cluster === undefined) throw new SluiceError('CLUSTER_NOT_ENABLED');
    return cluster.status();
  });
}
