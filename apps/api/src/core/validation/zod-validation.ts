import { Body, PipeTransform, Query } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { FieldErrors } from '@resolutionflow/contracts';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

/** OpenAPI 3.0 schema of a contract, as the document shows it. */
export function toOpenApiSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

export function fieldErrorsOf(error: z.ZodError, root: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : root;
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** A NUL byte, or half a surrogate pair: valid in a JS string, refused by PostgreSQL text and jsonb. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where the first string (or key) PostgreSQL cannot store sits in `value`, or null. Iterative, so a
 * deeply nested free-form JSON field cannot exhaust the stack.
 */
export function unstorableTextAt(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return path || root;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

/** Validates and parses one part of the request with a contract schema: 400 `validation_failed` otherwise. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(
    private readonly schema: T,
    private readonly part: 'body' | 'query' | 'param',
  ) {}

  transform(value: unknown): z.output<T> {
    const result = this.schema.safeParse(value ?? (this.part === 'body' ? undefined : {}));
    if (result.success) {
      // Checked on what the route keeps (unknown keys are already stripped), before it reaches SQL.
      const unstorable = unstorableTextAt(result.data, `(${this.part})`);
      if (unstorable === null) return result.data;
      throw new AppError(400, 'validation_failed', `The request ${this.part} is invalid`, {
        fields: { [unstorable]: ['must not contain NUL characters or unpaired surrogates'] },
      });
    }
    throw new AppError(400, 'validation_failed', `The request ${this.part} is invalid`, {
      fields: fieldErrorsOf(result.error, `(${this.part})`),
    });
  }
}

function documentMethod(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) decorator(target, key, descriptor);
}

/** `@ValidBody(schema) body: T` — validates the JSON body and documents it in OpenAPI. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, key, index);
    // A body the schema accepts when absent (e.g. logout's) is documented as optional, so clients and fuzzers read it right.
    documentMethod(target, key, ApiBody({ schema: toOpenApiSchema(schema), required: !schema.safeParse(undefined).success }));
  };
}

/** `@ValidQuery(schema) query: T` — validates the query string and documents each parameter. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, key, index);
    const json = toOpenApiSchema(schema) as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      documentMethod(
        target,
        key,
        ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property as never }),
      );
    }
  };
}
