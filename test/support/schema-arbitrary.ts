import fc from 'fast-check';
import type { JsonSchema } from './openapi.js';

/**
 * fast-check arbitraries from the JSON Schemas of the OpenAPI document: `validValue` for values the
 * schema accepts, `invalidBody` for bodies it certainly refuses, `hostileBody` for bodies that may
 * or may not pass (unicode, NUL bytes, extra fields, deep nesting) — the server must never fail on
 * any of them.
 */

const SAFE = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const word = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...SAFE), minLength: Math.max(min, 1), maxLength: Math.max(max, 1) });

function typeOf(schema: JsonSchema): string | undefined {
  if (schema.enum) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  if (Array.isArray(schema.type)) return schema.type.find((t: string) => t !== 'null');
  return schema.type;
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? min + 24, min + 24);
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  if (schema.format === 'email') return fc.tuple(word(3, 10), word(3, 8)).map(([a, b]) => `${a}@${b}.example.test`);
  if (schema.format === 'uri') return word(3, 10).map((p) => `http://127.0.0.1:9/${p}`);
  if (schema.format === 'date-time') {
    return fc.integer({ min: 2, max: 300 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString());
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity) && s.trim() === s);
  }
  return word(Math.max(min, 1), Math.max(max, 1));
}

function validNumber(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 1000);
  return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, min + 1_000_000)) });
}

/** Values the schema accepts. */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v: JsonSchema) => validValue(v)));
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf));
  const type = typeOf(schema);
  let arbitrary: fc.Arbitrary<unknown>;
  switch (type) {
    case 'string':
      arbitrary = validString(schema);
      break;
    case 'integer':
    case 'number':
      arbitrary = validNumber(schema);
      break;
    case 'boolean':
      arbitrary = fc.boolean();
      break;
    case 'array':
      arbitrary = fc.array(validValue(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, (schema.minItems ?? 0) + 3) });
      break;
    case 'object':
      arbitrary = validObject(schema);
      break;
    default:
      arbitrary = fc.oneof(word(1, 8), fc.integer(), fc.boolean());
  }
  return schema.nullable ? fc.option(arbitrary, { nil: null, freq: 5 }) : arbitrary;
}

function validObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  if (!Object.keys(properties).length) {
    return schema.additionalProperties ? fc.dictionary(word(1, 8), fc.oneof(word(1, 8), fc.integer()), { maxKeys: 3 }) : fc.constant({});
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = validValue(property);
  return fc.record(model, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** One deterministic valid value (the same on every run for a seed). */
export function sampleValid(schema: JsonSchema, seed = 42): unknown {
  return fc.sample(validValue(schema), { seed, numRuns: 1 })[0];
}

/** A value of a JSON type the schema does not allow at that place. */
function wrongTypeFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = typeOf(schema);
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (type !== 'string') candidates.push(word(1, 6));
  if (type !== 'number' && type !== 'integer' && !schema.enum) candidates.push(fc.integer(), fc.constant(1e308));
  if (type !== 'boolean') candidates.push(fc.boolean());
  if (type !== 'array') candidates.push(fc.array(fc.integer(), { maxLength: 3 }));
  if (type !== 'object') candidates.push(fc.constant({ nested: { deeper: [1, 'two', null] } }));
  if (!schema.nullable) candidates.push(fc.constant(null));
  return fc.oneof(...candidates);
}

/** Values the schema refuses at the place of `schema`, not only by type. */
function invalidValueFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [wrongTypeFor(schema)];
  const type = typeOf(schema);
  if (schema.enum) options.push(word(1, 12).filter((v) => !schema.enum.includes(v)), fc.constant(`${schema.enum[0]} `), fc.constant(String(schema.enum[0]).toUpperCase() + 'X'));
  if (type === 'string' && schema.maxLength !== undefined) {
    // Past the limit, up to far past it (still under the body limit).
    options.push(fc.integer({ min: schema.maxLength + 1, max: schema.maxLength + 200_000 }).map((n) => 'x'.repeat(n)));
  }
  if (type === 'string' && (schema.minLength ?? 0) >= 1) options.push(fc.constant(''));
  if (type === 'string' && (schema.format === 'uuid' || schema.format === 'email' || schema.format === 'uri')) {
    options.push(fc.constantFrom('not-a-value', '../../etc/passwd', "' or 1=1 --", '\u0000', 'x'.repeat(3000)));
  }
  if ((type === 'integer' || type === 'number') && schema.maximum !== undefined) options.push(fc.constant(schema.maximum + 1), fc.constant(Number.MAX_SAFE_INTEGER * 10));
  if ((type === 'integer' || type === 'number') && schema.minimum !== undefined) options.push(fc.constant(schema.minimum - 1), fc.constant(-1e300));
  if (type === 'integer') options.push(fc.constant(1.5));
  if (type === 'array' && schema.maxItems !== undefined) options.push(fc.constant(Array.from({ length: schema.maxItems + 1 }, () => sampleValid(schema.items ?? {}))));
  return fc.oneof(...options);
}

export interface InvalidBodyOptions {
  /** An optional body may be `null` (the same as none). */
  bodyRequired?: boolean;
  /** Properties the route deliberately tolerates anything in (e.g. SPEC §2: `data` is ignored on `skip`). */
  lenient?: string[];
}

/** Mutations of `schema`'s place that can only be refused: structure or one property made wrong. */
export function invalidBody(schema: JsonSchema, options: InvalidBodyOptions = {}): fc.Arbitrary<unknown> {
  const rootWrong = fc.constantFrom<unknown>(42, 'text', [], true, [{}], 'null', ...(options.bodyRequired === false ? [] : [null]));
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const names = Object.keys(properties).filter((n) => !options.lenient?.includes(n));
  const required: string[] = schema.required ?? [];
  if (!names.length) return rootWrong;
  const valid = validObject(schema);
  const mutations: fc.Arbitrary<unknown>[] = [rootWrong];
  mutations.push(
    fc.tuple(valid, fc.constantFrom(...names)).chain(([body, name]) =>
      invalidValueFor(properties[name]!).map((bad) => ({ ...body, [name]: bad })),
    ),
  );
  if (required.length) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([body, name]) => {
        const copy = { ...body };
        delete copy[name];
        return copy;
      }),
    );
  }
  return fc.oneof(...mutations);
}

/** Strings that break naive code: zalgo, NUL and other control bytes, lone surrogates, RTL, emoji, SQL and HTML. */
export const nastyString = fc.oneof(
  fc.constantFrom(
    'Z̴̡̢̛̯͎̗̗̹͓̈́͋̍͛͊̀a̸̧̤̦͓̪͎͐͌̋̈́̕l̵̨̛̰̪̦̣̈́̓̿̈́g̶̡̛̺̬̟̈́̾̈o̵̧̟̻͋̈́͆̕',
    'nul\u0000byte',
    '\u0000',
    'tab\tnewline\nreturn\r',
    '\u202Eright-to-left',
    '\uD800 lone surrogate',
    '👩‍👩‍👧‍👦🏳️‍🌈',
    "Robert'); DROP TABLE accounts;--",
    '<script>alert(1)</script>',
    '%00%0d%0a',
    '${jndi:ldap://x}',
    '   ',
    '\uFEFFbom',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);

/** JSON text nested `depth` levels deep, built without recursion (the test must not overflow first). */
export function deepJsonText(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
}

/** An object nested `depth` levels deep. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Bodies that may pass validation or not: the server must answer either way, never fail. */
export function hostileBody(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const names = Object.keys(properties);
  const valid = names.length ? validObject(schema) : fc.constant<Record<string, unknown>>({});
  const stringProps = names.filter((n) => typeOf(properties[n]!) === 'string' && !properties[n]!.enum);
  const options: fc.Arbitrary<unknown>[] = [
    // Extra fields, including prototype-pollution keys.
    fc.tuple(valid, fc.dictionary(word(1, 10), fc.oneof(nastyString, fc.integer()), { maxKeys: 4 })).map(([body, extra]) => ({ ...extra, ...body })),
    valid.map((body) => JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, ${JSON.stringify(body).slice(1)}`.replace(', }', '}'))),
    fc.tuple(valid, fc.integer({ min: 50, max: 1000 })).map(([body, depth]) => ({ ...body, nested: deeplyNested(depth) })),
  ];
  if (stringProps.length) {
    options.push(fc.tuple(valid, fc.constantFrom(...stringProps), nastyString).map(([body, name, nasty]) => ({ ...body, [name]: nasty })));
  }
  // Past PostgreSQL's integer and JavaScript's safe integers.
  const integerProps = names.filter((n) => typeOf(properties[n]!) === 'integer');
  if (integerProps.length) {
    options.push(fc.tuple(valid, fc.constantFrom(...integerProps), fc.constantFrom(2_147_483_648, 9_007_199_254_740_993, 1e21)).map(([body, name, big]) => ({ ...body, [name]: big })));
  }
  const jsonProps = freeFormProperties(schema);
  if (jsonProps.length) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...jsonProps), fc.integer({ min: 10, max: 1000 })).map(([body, name, depth]) => ({ ...body, [name]: { deep: deeplyNested(depth) } })),
      fc.tuple(valid, fc.constantFrom(...jsonProps), nastyString).map(([body, name, nasty]) => ({ ...body, [name]: { [nasty]: nasty } })),
    );
  }
  return fc.oneof(...options);
}

/** Properties that hold free-form JSON (`additionalProperties`, or no type at all), where deep nesting is valid input. */
export function freeFormProperties(schema: JsonSchema): string[] {
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)
    .filter(([, p]) => (typeOf(p) === 'object' && p.additionalProperties) || (!p.type && !p.enum && !p.anyOf && !p.oneOf && !p.allOf && !p.$ref))
    .map(([name]) => name);
}
