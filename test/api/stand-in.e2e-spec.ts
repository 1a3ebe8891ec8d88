import { HttpStandIn } from '../support/http-stand-in.js';

describe('HttpStandIn (the stand-in for third-party APIs)', () => {
  const sut = new HttpStandIn(({ path }) => ({ status: 201, body: { echoed: path } }));
  beforeAll(() => sut.start());
  afterAll(() => sut.stop());

  it('records requests and answers from its handler', async () => {
    const res = await fetch(`${sut.url}/v1/things?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ echoed: '/v1/things' });
    const seen = await sut.waitFor((r) => r.path === '/v1/things');
    expect(seen.body).toEqual({ a: 1 });
    expect(seen.query.get('x')).toBe('1');
  });

  it('fails on demand and comes back on the same port', async () => {
    const url = sut.url;
    await sut.setFault('error');
    expect((await fetch(`${url}/x`)).status).toBe(500);
    await sut.setFault('refuse');
    await expect(fetch(`${url}/x`)).rejects.toThrow();
    await sut.setFault('hang');
    await expect(fetch(`${url}/x`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    await sut.setFault('none');
    expect(sut.url).toBe(url);
    expect((await fetch(`${url}/x`)).status).toBe(201);
  });
});
