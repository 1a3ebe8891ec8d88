import { registerOwner, testEmail } from '../../support/identity.js';
import { envelopeProblem, randomClientIp, send } from '../../support/openapi.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';

const BODY_LIMIT = 4096;
const WEB_ORIGIN = 'http://localhost:4200';

/** Exactly `bytes` of JSON: a lead whose unknown `padding` field fills the rest. */
function leadOfSize(bytes: number): string {
  const base = { name: 'Pat Padding', email: 'pat@example.test', company: 'Padding Inc', source: 'pricing_page', padding: '' };
  const without = JSON.stringify(base).length;
  return JSON.stringify({ ...base, padding: 'p'.repeat(bytes - without) });
}

describe('headers and limits', () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    one = await bootTestApp({ env: { BODY_LIMIT_BYTES: String(BODY_LIMIT), CORS_ORIGINS: WEB_ORIGIN } });
    // A second API process on the same database, as behind a load balancer.
    two = await bootTestApp({ shareDatabaseWith: one, env: { BODY_LIMIT_BYTES: String(BODY_LIMIT), CORS_ORIGINS: WEB_ORIGIN } });
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('sends the security headers on API answers, errors and the documentation alike', async () => {
    const owner = await registerOwner(one.http);
    const answers = {
      json: await send(one.baseUrl, { method: 'GET', path: '/api/v1/auth/me', token: owner.token }),
      error: await send(one.baseUrl, { method: 'GET', path: '/api/v1/auth/me' }),
      missing: await send(one.baseUrl, { method: 'GET', path: '/api/v1/nothing-here' }),
      docs: await send(one.baseUrl, { method: 'GET', path: '/api/docs' }),
    };
    for (const [name, res] of Object.entries(answers)) {
      const h = (header: string) => res.headers.get(header);
      expect({ name, nosniff: h('x-content-type-options'), frame: h('x-frame-options'), referrer: h('referrer-policy'), poweredBy: h('x-powered-by') }).toEqual({
        name,
        nosniff: 'nosniff',
        frame: 'SAMEORIGIN',
        referrer: 'no-referrer',
        poweredBy: null,
      });
      expect(h('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'.*object-src 'none'/);
      expect(h('cross-origin-opener-policy')).toBe('same-origin');
      expect(h('x-request-id')).toBeTruthy();
    }
    expect(answers.json.headers.get('cache-control') ?? '').not.toMatch(/public/);
  });

  it('grants CORS to the configured web origin only, never with a wildcard', async () => {
    const preflight = (origin: string) =>
      send(one.baseUrl, {
        method: 'OPTIONS',
        path: '/api/v1/auth/login',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight(WEB_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    for (const origin of ['https://evil.example', 'http://localhost:4200.evil.example', 'null', 'http://localhost:4201', 'HTTP://LOCALHOST:4200x']) {
      const denied = await preflight(origin);
      expect({ origin, allow: denied.headers.get('access-control-allow-origin') }).toEqual({ origin, allow: null });
      const simple = await send(one.baseUrl, { method: 'GET', path: '/api/v1/config/public', headers: { origin } });
      expect({ origin, allow: simple.headers.get('access-control-allow-origin'), status: simple.status }).toEqual({ origin, allow: null, status: 200 });
    }
    const simple = await send(one.baseUrl, { method: 'GET', path: '/api/v1/config/public', headers: { origin: WEB_ORIGIN } });
    expect(simple.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(simple.headers.get('vary')).toMatch(/origin/i);
  });

  it('takes a body up to the limit and refuses one byte more, however it is sent', async () => {
    const post = (rawBody: string | Buffer, headers: Record<string, string> = {}) =>
      send(one.baseUrl, { method: 'POST', path: '/api/v1/sales-leads', rawBody, headers: { 'content-type': 'application/json', ...headers } });
    const atLimit = await post(leadOfSize(BODY_LIMIT));
    expect(atLimit.status).toBe(201);
    const over = await post(leadOfSize(BODY_LIMIT + 1));
    expect([over.status, over.json?.error, envelopeProblem(over)]).toEqual([413, 'payload_too_large', null]);
    // Far past the limit: refused on its declared length, before the bytes are read.
    const huge = await post(Buffer.alloc(BODY_LIMIT * 64, 0x20));
    expect([huge.status, huge.json?.error]).toEqual([413, 'payload_too_large']);

    // Chunked, without any Content-Length: counted as it arrives.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 16; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        controller.close();
      },
    });
    const chunked = await fetch(`${one.baseUrl}/api/v1/sales-leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': randomClientIp() },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect([chunked.status, ((await chunked.json()) as { error: string }).error]).toEqual([413, 'payload_too_large']);
  });

  it('holds a per-address limit across two API processes: the sixth lead in an hour is refused by whichever answers', async () => {
    const ip = randomClientIp();
    const lead = () => ({ name: 'Lee Lead', email: testEmail('lead'), company: 'Two Process IT', source: 'pricing_page' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await send((i % 2 ? two : one).baseUrl, { method: 'POST', path: '/api/v1/sales-leads', ip, body: lead() })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    for (const app of [one, two]) {
      const sixth = await send(app.baseUrl, { method: 'POST', path: '/api/v1/sales-leads', ip, body: lead() });
      expect([sixth.status, sixth.json?.error, Number(sixth.headers.get('retry-after')) > 0]).toEqual([429, 'rate_limited', true]);
    }
  });

  it('holds a per-account login limit across two processes under concurrency', async () => {
    const owner = await registerOwner(one.http);
    // Twenty wrong guesses at once, split over both processes and many addresses: exactly ten are judged, the rest throttled.
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send((i % 2 ? two : one).baseUrl, { method: 'POST', path: '/api/v1/auth/login', body: { email: owner.email, password: `wrong-guess-${i}` } })),
    );
    const tally = guesses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(tally).toEqual({ 401: 10, 429: 10 });
    console.log(`limits: 2 API processes on one database; per-address and per-account limits held (${JSON.stringify(tally)})`);
  });
});
