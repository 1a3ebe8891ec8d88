import { bootTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  tags?: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: unknown }>;
  security?: unknown[];
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    t = await bootTestApp();
    paths = (await t.http.get('/api/docs-json')).body.paths;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

  it('documents the error codes of every endpoint a client can get wrong', () => {
    // A public GET without parameters (plans, public config) has no client error to document.
    const takesInput = (op: Operation) => Boolean(op.parameters?.length || op.requestBody || op.security?.length);
    const undocumented = operations()
      .filter(({ path, op }) => !path.startsWith('/api/v1/health/') && takesInput(op))
      .filter(({ op }) => !Object.keys(op.responses ?? {}).some((status) => /^4\d\d$/.test(status)))
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(undocumented).toEqual([]);
  });

  it('names each error code in its response description', () => {
    const vague = operations().flatMap(({ method, path, op }) =>
      Object.entries(op.responses ?? {})
        .filter(([status, response]) => /^[45]\d\d$/.test(status) && !/`[a-z][a-z0-9_]*`/.test(response.description ?? ''))
        .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
    );
    expect(vague).toEqual([]);
  });

  it('tags every endpoint and puts every API route under /api/v1', () => {
    for (const { path, op } of operations()) {
      expect(path.startsWith('/api/v1/')).toBe(true);
      expect(op.tags?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
