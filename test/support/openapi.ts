/** A JSON Schema node as the OpenAPI document writes it (OpenAPI 3.0 flavour). */
export type JsonSchema = Record<string, any>;

export interface DocumentedParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the OpenAPI document: what the sweeps iterate over. */
export interface DocumentedRoute {
  /** `GET /api/v1/ai-sessions/{id}`: how the expectation tables name a route. */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  query: DocumentedParameter[];
  body?: JsonSchema;
  /** Whether the document says the body must be there (an absent or `null` body is then refused). */
  bodyRequired: boolean;
  /** Status codes the document lists for it. */
  statuses: number[];
  /** Whether the document marks it as needing the bearer credential. */
  secured: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the served document (`GET /api/docs-json`), in document order. */
export async function documentedRoutes(baseUrl: string): Promise<DocumentedRoute[]> {
  const response = await fetch(`${baseUrl}/api/docs-json`);
  if (!response.ok) throw new Error(`GET /api/docs-json answered ${response.status}`);
  const doc = (await response.json()) as { paths: Record<string, Record<string, any>> };
  const routes: DocumentedRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.includes(method)) continue;
      const parameters: any[] = operation.parameters ?? [];
      routes.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} })),
        body: operation.requestBody?.content?.['application/json']?.schema,
        bodyRequired: operation.requestBody?.required === true,
        statuses: Object.keys(operation.responses ?? {}).map(Number),
        secured: (operation.security ?? []).length > 0,
      });
    }
  }
  return routes;
}

/** Percent-encodes any string; a lone surrogate goes out as the bytes a sloppy client would send (invalid UTF-8). */
export function encodeAny(value: string): string {
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  let out = '';
  let at = 0;
  for (const match of value.matchAll(lone)) {
    out += encodeURIComponent(value.slice(at, match.index)) + (match[0].charCodeAt(0) < 0xdc00 ? '%ED%A0%80' : '%ED%B0%80');
    at = match.index! + 1;
  }
  return out + encodeURIComponent(value.slice(at));
}

/** The path with each `{param}` replaced (URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${path}`);
    return encodeAny(value);
  });
}

export interface RawRequest {
  method: string;
  path: string;
  token?: string;
  /** JSON-encoded unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** X-Forwarded-For: per-IP limits key on it (the test apps trust the proxy header). */
  ip?: string;
  timeoutMs?: number;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON when the answer is JSON, else undefined. */
  json: any;
  ms: number;
}

/**
 * One request as a hostile or curious client sends it: redirects are not followed (OAuth starts
 * answer 302 to the provider) and an event stream is cut after its headers, so every documented
 * route can be called the same way.
 */
export async function send(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'x-forwarded-for': request.ip ?? randomClientIp(), ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | Uint8Array | undefined = request.rawBody;
  if (body === undefined && request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs ?? 15_000);
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers, body: body as BodyInit | undefined, redirect: 'manual', signal: controller.signal });
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.includes('text/event-stream')) {
      const ms = performance.now() - started;
      controller.abort();
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, headers: response.headers, text: '', json: undefined, ms };
    }
    const text = await response.text();
    let json: any;
    if (contentType.includes('json') && text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: response.status, headers: response.headers, text, json, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** An address from the benchmarking range 198.18.0.0/15: a client of its own for per-IP limits. */
export function randomClientIp(): string {
  return `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
}

/** The SPEC §0 error envelope: `{statusCode, error, message, details?}` with a snake_case code. */
export function envelopeProblem(answer: RawAnswer): string | null {
  const body = answer.json;
  if (!body || typeof body !== 'object') return `not a JSON envelope: ${answer.text.slice(0, 200)}`;
  if (body.statusCode !== answer.status) return `statusCode ${body.statusCode} differs from HTTP ${answer.status}`;
  if (typeof body.error !== 'string' || !/^[a-z][a-z0-9_]*$/.test(body.error)) return `error is not a snake_case code: ${JSON.stringify(body.error)}`;
  if (typeof body.message !== 'string' || !body.message) return 'message is missing';
  const extra = Object.keys(body).filter((k) => !['statusCode', 'error', 'message', 'details'].includes(k));
  if (extra.length) return `unexpected envelope keys ${extra.join(', ')}`;
  if (/\bat .+:\d+:\d+\)?/.test(answer.text)) return 'a stack trace leaked into the body';
  return null;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
