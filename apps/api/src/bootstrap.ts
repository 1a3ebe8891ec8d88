import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { RequestMethod, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger as Pino } from 'pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './core/config/app-config.js';
import type { DatabaseUrls } from './core/database/database-urls.js';
import { toErrorEnvelope } from './core/errors/error-envelope.js';
import { JsonNestLogger } from './core/logging/logger.js';
import { mountOpenApi } from './core/openapi/openapi.js';
import { installJsonParserKeepingRawBodies } from './core/http/raw-body.js';
import { serveWebApp } from './core/http/web-app.js';
import { REPOSITORY_ROOT } from './core/version.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the whole HTTP application; `main.ts` and the test harness both boot through here. */
export async function createApp(
  config: AppConfig,
  urls: DatabaseUrls,
  logger: Pino,
  extraModules: Type[] = [],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.env.BODY_LIMIT_BYTES,
    trustProxy: config.env.TRUST_PROXY,
    // A caller's X-Request-Id is kept when sane, so one id follows a request across services.
    genReqId: (req: import('node:http').IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Idle keep-alive sockets close at shutdown; in-flight requests are allowed to finish.
    forceCloseConnections: 'idle',
    // Fastify answers a URL it cannot decode before any route runs: still the one error envelope.
    frameworkErrors: (error: Error, _request: unknown, reply: import('fastify').FastifyReply) => {
      const { envelope } = toErrorEnvelope(error);
      void reply.code(envelope.statusCode).header('content-type', 'application/json; charset=utf-8').send(envelope);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, urls, extraModules), adapter, {
    logger: new JsonNestLogger(logger),
    bufferLogs: false,
    // Boot failures propagate to the caller (main exits, tests assert) instead of exiting here.
    abortOnError: false,
    // Nest would add its urlencoded parser at init, after the removals below: a cross-site HTML form
    // could then post to the API without a CORS preflight. JSON is installed by hand further down.
    bodyParser: false,
  });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'api/docs', method: RequestMethod.ALL }] });

  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: any other body type answers 415 instead of reaching validation as a string.
  for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
  }
  installJsonParserKeepingRawBodies(app, config.env.BODY_LIMIT_BYTES);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind TLS: on plain-http localhost it would break every request.
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    strictTransportSecurity: config.isProduction,
    crossOriginEmbedderPolicy: false,
  });
  await fastify.register(fastifyCookie);
  app.enableCors({
    origin: config.corsOrigins,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'last-event-id', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });

  mountOpenApi(app);
  await serveWebApp(fastify, config.env.WEB_DIST_DIR ?? join(REPOSITORY_ROOT, 'dist/web/browser'));
  await app.init();
  return app;
}
