// buildApp(): the whole HTTP API over one open Store, as a Fastify instance that does not listen
// (tests call app.inject(); start.ts listens). No business logic here: routes map HTTP onto the core API.
import fastifySwagger from '@fastify/swagger';
import fastifyUnderPressure from '@fastify/under-pressure';
import { fastify, type FastifyInstance, type FastifyServerFactory } from 'fastify';
import { SluiceError } from '../core/errors.js';
import type { Store } from '../core/store-api.js';
import { installAccessControl } from './access-control.js';
import { ApiKeyRing } from '../config/api-keys.js';
import { configuredKeys, resolveConfig, type ServerConfig, type ServerConfigInput } from '../config/config.js';
import { clientErrorHandler } from './client-error.js';
import { installCors, isCorsPreflightRoute } from './cors.js';
import { createErrorHandler, sendError, toSluiceError } from './error-handler.js';
import { ConnectionCutter } from './connection-cutter.js';
import { LiveRegistry } from './live-registry.js';
import { LiveSlots } from './live-slots.js';
import { REDACT_PATHS, serializeRequest } from './log-redaction.js';
import { ReaderPacer } from './reader-pacer.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import { negotiate } from './negotiate.js';
import { isLoopbackHost } from './loopback.js';
import { PACKAGE_VERSION } from './package-version.js';
import { JSON_ONLY } from './route-config.js';
import type { RouteContext, RouteRecord } from './route-context.js';
import { SseTokens } from './sse-tokens.js';
import { strictIntegers } from './strict-integers.js';
import { appendRoutes } from './routes/append.js';
import { authRoutes } from './routes/auth.js';
import { clusterRoutes } from './routes/cluster.js';
import { consoleRoutes } from './routes/console.js';
import { commandRoutes } from './routes/commands.js';
import { forgetRoutes } from './routes/forget.js';
import { healthRoutes } from './routes/health.js';
import { logRoutes } from './routes/log.js';
import { docsRoutes, withDocsConfig } from './routes/docs.js';
import { contentDecoder } from './content-encoding.js';
import { jsonBodyParser } from './json-body.js';
import { groupRoutes } from './routes/groups.js';
import { multiAppendRoutes } from './routes/multi-append.js';
import { openapiRoutes } from './routes/openapi.js';
import { streamRoutes } from './routes/streams.js';
import { viewRoutes } from './routes/views.js';

export interface BuildAppOptions {
  readonly store: Store;
  readonly config?: ServerConfigInput;
  /** For start.ts: serve through an http.Server it created (and already listens on). */
  readonly serverFactory?: FastifyServerFactory;
  /** Where request logs go (default stdout). */
  readonly logStream?: NodeJS.WritableStream;
  /** The API keys (start.ts reads them once for its bind check); default: from the config and its keys file. */
  readonly keys?: ApiKeyRing;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Shared services of this app (tests and start.ts read them; routes get them as plugin options). */
    readonly sluice: RouteContext;
  }
}

/** How often the event-loop delay is sampled for load shedding. */
const SHEDDING_SAMPLE_MS = 1000;
/** Writers (append scope) are shed only once the event loop lags this many times `maxEventLoopDelayMs`. */
const WRITER_SHED_FACTOR = 4;
/** How long shutdown waits for open responses to finish before closing their connections. */
const SHUTDOWN_GRACE_MS = 2000;

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const config: ServerConfig = resolveConfig(options.config);
  const { limits } = config;
  const keys = options.keys ?? new ApiKeyRing(configuredKeys(config));
  const app = fastify({
    logger: {
      level: config.logLevel,
      // Keys travel in headers and tokens in SSE URLs: neither reaches a log line.
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { req: serializeRequest },
      ...(options.logStream === undefined ? {} : { stream: options.logStream }),
    },
    bodyLimit: limits.maxBodyBytes,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Used only when Fastify creates the server itself (start.ts brings its own, with the same timeouts).
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    clientErrorHandler,
    // Errors Fastify raises before routing (a malformed URL) bypass the error handler unless mapped here.
    frameworkErrors: (error, request, reply) => sendError(reply, toSluiceError(error, request, limits.maxBodyBytes)),
    // Stream names are up to 200 characters (find-my-way's default cap is 100).
    routerOptions: { maxParamLength: 256, ignoreTrailingSlash: true },
    // We answer 503 during shutdown ourselves, in the documented error shape.
    return503OnClosing: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    ...(options.serverFactory === undefined ? {} : { serverFactory: options.serverFactory }),
  });
  const live = new LiveRegistry();
  const pacer = new ReaderPacer(config.limits.readerPaceLagMs);
  const metrics: ServerMetrics = createMetrics(options.store, live);
  const routes: RouteRecord[] = [];
  const tokens = new SseTokens(keys, config.sseTokenTtlMs);
  const liveSlots = new LiveSlots(limits.maxLiveConnections, limits.maxLiveConnectionsPerKey);
  const ctx: RouteContext = { store: options.store, config, metrics, live, liveSlots, routes, keys, tokens, pacer };
  app.decorate('sluice', ctx);
  // Every route must say which scope it needs; issue 6's access layer enforces them.
  app.addHook('onRoute', (route) => {
    withDocsConfig(route);
    if (isCorsPreflightRoute(route.method, route.url)) {
      route.config = { ...route.config, scope: 'public' };
      return;
    }
    const scope = route.config?.scope;
    if (scope === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no scope`);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, scope });
  });

  app.setErrorHandler(createErrorHandler(limits.maxBodyBytes));
  // Bodies are JSON everywhere except the append route, which takes any type as a raw payload (415 elsewhere).
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, jsonBodyParser);
  app.setNotFoundHandler((request, reply) => sendError(reply, new SluiceError('HTTP_NOT_FOUND', { method: request.method, url: request.url.split('?')[0] })));

  // First of the onRequest hooks: preflights end here, and every answer below carries the CORS headers.
  installCors(app, config.cors, keys);
  // Hooks in callback style: they run on every request, and an async hook costs a promise each.
  app.addHook('onRequest', (_request, _reply, done) => done(live.closing ? new SluiceError('HTTP_SHUTTING_DOWN') : undefined));
  // Connections with a request being answered are spared when shutdown cuts the rest (connection-cutter.ts).
  const cutter = new ConnectionCutter(app.server);
  app.addHook('onRequest', (request, reply, done) => {
    const answered = cutter.answering(request.raw.socket);
    reply.raw.once('finish', answered);
    reply.raw.once('close', answered);
    done();
  });
  // Rate limits protect a server shared by several clients (keys configured, or reachable beyond this host); a local
  // application on loopback without keys is the only client, and throttling it would protect nothing.
  const shared = keys.size > 0 || !isLoopbackHost(config.host);
  installAccessControl(app, { keys, tokens, limits: shared ? limits : { ...limits, rateLimitMax: 0 } });
  app.addHook('onRequest', (request, _reply, done) => {
    const produces = request.routeOptions.config.produces ?? JSON_ONLY;
    const accept = request.headers.accept;
    if (accept !== undefined && negotiate(accept, produces) === undefined) return done(new SluiceError('HTTP_NOT_ACCEPTABLE', { accept, produces: produces.join(', ') }));
    done();
  });
  // Compressed bodies are decoded (and limited by their decoded size) before any content-type parser reads them.
  app.addHook('preParsing', contentDecoder(limits.maxBodyBytes));
  app.addHook('preValidation', strictIntegers);
  // Appends in flight (from their first bytes: reading a large body takes many turns of the loop), for the reader
  // pacer: streams yield to them.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.scope === 'append') {
      const ended = pacer.writerStarted();
      reply.raw.once('close', ended);
      reply.raw.once('finish', ended);
    }
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  // During shutdown, responses close their connection so server.close() is not held by idle keep-alives.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (live.closing) reply.header('connection', 'close');
    done(null, payload);
  });
  // fastify.close() waits for open connections; live streams never end by themselves. A client that stopped reading
  // never lets its response finish, so after a grace period the live responses still open and the idle connections
  // are cut (requests being answered, appends among them, finish; `shutdownTimeoutMs` bounds them).
  app.addHook('preClose', async () => {
    pacer.close();
    live.closeAll();
    setTimeout(() => cutter.cut(live), SHUTDOWN_GRACE_MS).unref();
  });

  // Load shedding: 503 SLUICE_ERR_HTTP_OVERLOADED while the event loop lags; /health always answers. Readers go first:
  // appends are shed only beyond WRITER_SHED_FACTOR times the limit, and streams slow down before that (reader-pacer.ts).
  // The first samples after start-up measure the start itself (recovery, view planning block the loop once), not
  // load: shedding starts only after two sample intervals of serving, so a fresh server never refuses its first requests.
  if (limits.maxEventLoopDelayMs > 0) {
    let sheddingFrom = Infinity;
    app.addHook('onReady', (done) => { sheddingFrom = Date.now() + 2 * SHEDDING_SAMPLE_MS; done(); });
    app.register(fastifyUnderPressure, {
      maxEventLoopDelay: limits.maxEventLoopDelayMs,
      sampleInterval: SHEDDING_SAMPLE_MS,
      pressureHandler: (request, _reply, type, value) => {
        const { scope } = request.routeOptions.config;
        if (scope === 'public' || Date.now() < sheddingFrom) return undefined;
        if (scope === 'append' && type === 'eventLoopDelay' && Number(value) < WRITER_SHED_FACTOR * limits.maxEventLoopDelayMs) return undefined;
        return Promise.reject(new SluiceError('HTTP_OVERLOADED'));
      },
    });
  }
  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Sluice', description: 'An offset-addressed event log with versioned views, over HTTP. Errors: {statusCode, code, error, message}.', version: PACKAGE_VERSION },
      tags: [{ name: 'streams' }, { name: 'log' }, { name: 'views' }, { name: 'commands' }, { name: 'groups' }, { name: 'operations' }, { name: 'access' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  app.register(appendRoutes, ctx);
  app.register(multiAppendRoutes, ctx);
  app.register(streamRoutes, ctx);
  app.register(logRoutes, ctx);
  app.register(forgetRoutes, ctx);
  app.register(viewRoutes, ctx);
  app.register(commandRoutes, ctx);
  app.register(groupRoutes, ctx);
  app.register(healthRoutes, ctx);
  app.register(authRoutes, ctx);
  app.register(clusterRoutes, ctx);
  app.register(openapiRoutes);
  app.register(consoleRoutes);
  app.register(docsRoutes);
  return app;
}
