import { RouteConfig, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

const KEEP_RAW_BODY = 'keepRawBody';

interface RawBodyRequest {
  rawBody?: Buffer;
}

/**
 * The route also gets the exact bytes of its JSON body (`rawBodyOf`), e.g. to verify a webhook
 * signature; every other route keeps only the parsed body.
 */
export const KeepRawBody = () => RouteConfig({ [KEEP_RAW_BODY]: true });

/**
 * Installs the JSON body parser in place of Nest's: the same default Fastify parser (prototype
 * and constructor poisoning refused, same limit, same errors), plus the bytes for `@KeepRawBody()` routes.
 */
export function installJsonParserKeepingRawBodies(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
    if (config?.[KEEP_RAW_BODY] === true) (request as RawBodyRequest).rawBody = body;
    parseJson(request as never, body as unknown as string, done);
  });
}

/** The bytes of the request's JSON body on a `@KeepRawBody()` route; undefined when there was none. */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return (request as RawBodyRequest).rawBody;
}
