/**
 * The fastify application as a plugin tree (fastify/demo style): security and transport
 * plugins first, then the OpenAPI documentation, then the routes, then the browser UI. The
 * workspace is a decorator so every route reaches the same service; the app never creates
 * one itself: `startServer` (behind `npm start`) and the tests hand it the workspace they opened.
 */
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { createJsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { Workspace } from '../workspace/types.js';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './errors.js';
import { requestGuard } from './guard.js';
import { healthRoutes } from './routes/health.js';
import { documentRoutes } from './routes/documents.js';
import { queryRoutes } from './routes/query.js';
import { chatRoutes } from './routes/chat.js';
import { alignRoutes } from './routes/align.js';
import { uploadRoutes } from './routes/uploads.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The service every route calls. */
    workspace: Workspace;
    /** The configuration the app was built with. */
    appConfig: Config;
  }
}

export interface BuildAppOptions {
  workspace: Workspace;
  config: Config;
  /** fastify logger options; default off (tests), the server passes its own. */
  logger?: boolean | object;
  /** Largest JSON body accepted, in bytes. Default 256 KiB: a 2,000-character question fits many times over. */
  bodyLimit?: number;
}

/**
 * Longest path parameter, in characters after percent-decoding (what fastify's router counts):
 * a document id may have up to 255 (the file-name limit, and `docIdSchema`'s), so every id the
 * list shows can be opened and deleted. Longer ones are 414 PARAM_TOO_LONG.
 */
export const MAX_PARAM_LENGTH = 255;

/** The CSP of the browser UI: its own scripts, styles and API only — nothing inline, nothing remote. */
export const UI_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// Swagger UI sets a few inline styles, so its page (only) allows inline styles; scripts stay 'self'.
const SWAGGER_CSP =
  "default-src 'self'; base-uri 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Builds the application (not listening). Close it with `app.close()`; the workspace is the caller's. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { workspace, config } = options;
  const serverOptions: FastifyServerOptions = {
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Proxies are not trusted: the rate limit keys on the socket address.
    trustProxy: false,
    // A long-running SSE answer must not be cut by the default timeouts of a proxy-less server.
    requestTimeout: 120_000,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors raised before routing (bad percent-encoding, an over-long id) get the one error shape too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  };
  const app = Fastify(serverOptions).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('workspace', workspace);
  app.decorate('appConfig', config);
  installErrorHandlers(app, MAX_PARAM_LENGTH);
  // Host (DNS rebinding) and Origin (cross-site writes) are checked before anything else runs.
  app.addHook('onRequest', requestGuard(config));

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: UI_CSP_DIRECTIVES },
    // The UI loads nothing cross-origin; keep the defaults that would break same-origin fetches off.
    crossOriginEmbedderPolicy: false,
    // The server speaks plain HTTP; HSTS belongs to the TLS proxy in front of it, if any.
    strictTransportSecurity: false,
  });
  if (config.corsOrigin) {
    await app.register(cors, {
      origin: config.corsOrigin,
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Authorization', 'Accept'],
      exposedHeaders: ['x-session-id'],
    });
  }
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `Too many requests: the limit is ${context.max} per minute; retry in ${context.after}`),
  });
  await app.register(multipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 8, fieldSize: 4096, parts: 10 },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Policy assistant API — 政策文件问答与上下级对照',
        description: 'Questions with verbatim clause citations, documents, obligations and county-vs-parent alignment.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: createJsonSchemaTransform({ skipList: ['/docs', '/docs/', '/docs/json', '/docs/yaml', '/docs/*', '/docs/static/*'] }),
    transformObject: jsonSchemaTransformObject,
  });
  // Swagger UI's page gets the same policy as ours (its bundle is served locally, nothing remote).
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: SWAGGER_CSP });

  await app.register(healthRoutes);
  await app.register(
    async (v1) => {
      await v1.register(documentRoutes);
      await v1.register(queryRoutes);
      await v1.register(chatRoutes);
      await v1.register(alignRoutes);
      await v1.register(uploadRoutes);
    },
    { prefix: '/v1' },
  );

  await app.register(fastifyStatic, { root: PUBLIC_DIR, index: ['index.html'], schemaHide: true, maxAge: 0 });
  return app;
}
