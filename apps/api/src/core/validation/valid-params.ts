import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { z } from 'zod';
import { toOpenApiSchema, ZodValidationPipe } from './zod-validation.js';

/**
 * `@ValidParams(idParamsSchema) { id }: …` — validates the path parameters and documents each one,
 * so a malformed id is a 400 `validation_failed` naming the parameter instead of reaching the database.
 */
export function ValidParams(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Param(new ZodValidationPipe(schema, 'param'))(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    const json = toOpenApiSchema(schema) as { properties?: Record<string, object> };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      if (descriptor) ApiParam({ name, required: true, schema: property as never })(target, key, descriptor);
    }
  };
}
