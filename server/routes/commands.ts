// GET /commands, and one POST /commands/<name> route per declared command: the body is the command's parameters,
// documented with its own JSON schema (the command bus validates them, strictly, so embedded and HTTP agree).
// 201 with the stream's new revision and offsets; 200 when the decision appended nothing.
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import type { RouteContext } from '../route-context.js';

const OUTCOME_SCHEMA = {
  type: 'object', required: ['command', 'stream', 'revision', 'offsets', 'revisions', 'types', 'lastOffset', 'attempts'],
  properties: {
    command: { type: 'string' },
    stream: { type: 'string' },
    revision: { type: 'integer', nullable: true, description: 'the stream\'s revision after the command (null: the stream has no events)' },
    offsets: { type: 'array', items: { type: 'integer' } },
    revisions: { type: 'array', items: { type: 'integer' } },
    types: { type: 'array', items: { type: 'string' } },
    lastOffset: { type: 'integer', nullable: true, description: 'pass as after= to read your write; null when nothing was appended' },
    attempts: { type: 'integer', description: 'tries it took (each conflict with another writer costs one)' },
  },
};

/** `?expectedRevision=` as the command bus takes it: digits or no_stream. */
function parseExpected(raw: string | undefined): number | 'no_stream' | undefined {
  if (raw === undefined || raw === 'no_stream') return raw;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  throw new SluiceError('EVENT_INVALID', { reason: `expectedRevision must be a non-negative integer or "no_stream" (got ${JSON.stringify(raw)})` });
}

export async function commandRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { commands } = ctx.store;

  app.get('/commands', {
    schema: { summary: 'List the commands the plugins declare, with their parameter schemas', tags: ['commands'] },
    config: { scope: 'read' },
  }, async () => ({ commands: commands.list().map((c) => ({ ...c, path: `/commands/${c.name}` })) }));

  for (const descriptor of commands.list()) {
    const { $schema: _ignored, ...body } = descriptor.params as Record<string, unknown>;
    app.post<{ Body: unknown; Querystring: { expectedRevision?: string } }>(`/commands/${descriptor.name}`, {
      schema: {
        summary: descriptor.description ?? `Run the ${descriptor.name} command`, tags: ['commands'],
        description: `Declared by plugin ${descriptor.plugin}. 422 SLUICE_ERR_COMMAND_REJECTED when a business rule refuses it (nothing written); 409 SLUICE_ERR_COMMAND_CONFLICT when the stream kept changing through every retry.`,
        body,
        querystring: { type: 'object', properties: { expectedRevision: { type: 'string', description: 'a revision number or no_stream: run only if the stream is still there (409 SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION otherwise, no retry)' } } },
        response: { 200: OUTCOME_SCHEMA, 201: OUTCOME_SCHEMA },
      },
      // The schema documents the contract; the command bus enforces it (no coercion) with SLUICE_ERR_COMMAND_PARAMS_INVALID.
      validatorCompiler: () => () => true,
      config: { scope: 'append' },
    }, async (request, reply) => {
      if (request.body === undefined) throw new SluiceError('COMMAND_PARAMS_INVALID', { command: descriptor.name, reason: 'the request has no body (send the parameters as a JSON object)' });
      const outcome = await commands.execute(descriptor.name, request.body, { expectedRevision: parseExpected(request.query.expectedRevision) });
      if (outcome.offsets.length > 0) ctx.metrics.appended(outcome.offsets.length, 0);
      return reply.code(outcome.offsets.length > 0 ? 201 : 200).send(outcome);
    });
  }

  // Undeclared commands get a precise 404 instead of the generic one.
  app.post<{ Params: { name: string } }>('/commands/:name', {
    schema: { hide: true },
    config: { scope: 'append' },
  }, async (request) => {
    throw new SluiceError('COMMAND_NOT_FOUND', { command: request.params.name });
  });
}
