import { Controller, Module, Post } from '@nestjs/common';
import { z } from 'zod';
import { Public } from '../../apps/api/src/core/http/public.decorator.js';
import { ValidBody } from '../../apps/api/src/core/validation/zod-validation.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const probeSchema = z.object({ name: z.string().min(1).max(20), count: z.number().int().min(0) });

/** A route that exists only in this test, to exercise the shared validation and error plumbing. */
@Public()
@Controller('probe')
class ProbeController {
  @Post('echo')
  echo(@ValidBody(probeSchema) body: z.infer<typeof probeSchema>) {
    return body;
  }

  @Post('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HTTP conventions (SPEC §0)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ extraModules: [ProbeModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    const live = await t.http.get('/api/v1/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', version: expect.any(String) });
    const ready = await t.http.get('/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database.status).toBe('up');
  });

  it('answers an unknown route with the error envelope', async () => {
    const res = await t.http.get('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'not_found', message: 'Not found' });
  });

  it('validates bodies from the contract schema with per-field details', async () => {
    const res = await t.http.post('/api/v1/probe/echo', { name: '', count: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(Object.keys(res.body.details.fields).sort()).toEqual(['count', 'name']);
    const ok = await t.http.post('/api/v1/probe/echo', { name: 'a', count: 2, extra: 1 });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ name: 'a', count: 2 });
  });

  it('turns malformed JSON, a wrong content type and an oversized body into 4xx envelopes', async () => {
    const malformed = await t.http.post('/api/v1/probe/echo', undefined, {
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('malformed_json');

    const wrongType = await t.http.post('/api/v1/probe/echo', undefined, {
      rawBody: 'name=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error).toBe('unsupported_media_type');

    const huge = await t.http.post('/api/v1/probe/echo', { name: 'a'.repeat(5000), count: 1 });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('payload_too_large');
  });

  it('hides internal failures behind a 500 envelope without details', async () => {
    const res = await t.http.post('/api/v1/probe/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'internal_error',
      message: 'Something went wrong on our side; it has been logged',
    });
    expect(res.text).not.toContain('hunter2');
  });

  it('tags every answer with a request id, keeping a sane caller-supplied one', async () => {
    const generated = await t.http.get('/api/v1/health/live');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http.get('/api/v1/health/live', { headers: { 'x-request-id': 'trace-123' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-123');
    const replaced = await t.http.get('/api/v1/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('sends security headers', async () => {
    const res = await t.http.get('/api/v1/health/live');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('allows CORS for the web origin only', async () => {
    const allowed = await t.http.request('OPTIONS', '/api/v1/health/live', undefined, {
      headers: { origin: 'http://localhost:4200', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    const denied = await t.http.request('OPTIONS', '/api/v1/health/live', undefined, {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('publishes the OpenAPI document with its routes and the error envelope', async () => {
    const doc = await t.http.get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/v1/health/ready']).toBeDefined();
    expect(doc.body.paths['/api/v1/probe/echo'].post.requestBody).toBeDefined();
    expect(doc.body.components.schemas.ErrorEnvelope.required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message']),
    );
    const ui = await t.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
