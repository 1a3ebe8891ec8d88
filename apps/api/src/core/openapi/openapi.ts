import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { errorEnvelopeSchema } from '@resolutionflow/contracts';
import { toOpenApiSchema } from '../validation/zod-validation.js';
import { APP_VERSION } from '../version.js';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ResolutionFlow API')
    .setDescription(
      'REST API of ResolutionFlow. Every error answers `{ statusCode, error, message, details? }` where `error` is a stable code. ' +
        'Authenticate with `Authorization: Bearer <access token>` or an account API key (`rfk_…`).',
    )
    .setVersion(APP_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or rfk_ API key' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ErrorEnvelope: toOpenApiSchema(errorEnvelopeSchema) as never,
  };
  return document;
}

/** Serves the document as JSON at /api/docs-json and the browsable UI at /api/docs. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}
