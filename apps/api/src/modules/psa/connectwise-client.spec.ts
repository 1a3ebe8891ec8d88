import { conditionLiteral, ConnectWiseClient, ConnectWiseError, fitSummary, ticketSearchConditions } from './connectwise-client.js';

const credentials = { siteUrl: 'https://cw.example.test/', companyId: 'acme', publicKey: 'pub', privateKey: 'pri:v', clientId: 'client-1' };

/** A fetch at the network edge that records the call and answers `response` (or throws it). */
function edge(response: Response | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: URL | string, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    if (response instanceof Error) throw response;
    return response.clone();
  }) as typeof fetch;
  return { calls, sut: new ConnectWiseClient(credentials, 1_000, fetchImpl) };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('conditions', () => {
  it('escapes quotes and backslashes inside string literals', () => {
    expect(conditionLiteral('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(conditionLiteral('a\nb\tc')).toBe('"a b c"');
  });

  it('searches the summary, and the ticket number when the text is one', () => {
    expect(ticketSearchConditions('vpn "down"')).toBe('summary like "%vpn \\"down\\"%"');
    expect(ticketSearchConditions('4521')).toBe('(summary like "%4521%" or id = 4521)');
  });
});

describe('fitSummary', () => {
  it('keeps one line of at most 100 characters', () => {
    expect(fitSummary('  VPN\n down  ')).toBe('VPN down');
    const long = fitSummary('x'.repeat(150));
    expect(long).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('ConnectWiseClient', () => {
  it('authenticates with Basic company+public:private and the clientId header under the API path', async () => {
    const { calls, sut } = edge(json(200, { version: 'v2025.1' }));
    await expect(sut.systemInfo()).resolves.toEqual({ version: 'v2025.1' });
    expect(calls[0]!.url).toBe('https://cw.example.test/v4_6_release/apis/3.0/system/info');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(Buffer.from(headers.authorization!.replace('Basic ', ''), 'base64').toString()).toBe('acme+pub:pri:v');
    expect(headers.clientId).toBe('client-1');
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends the minimal ticket body, with defaults only when configured', async () => {
    const { calls, sut } = edge(json(201, { id: 7, summary: 's', status: { name: 'New' } }));
    await sut.createTicket({ summary: 's', initialDescription: 'd', boardId: 3, statusId: null, companyIdentifier: 'Catchall' });
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      summary: 's',
      initialDescription: 'd',
      board: { id: 3 },
      company: { identifier: 'Catchall' },
    });
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [400, false],
    [401, false],
    [403, false],
  ])('classifies an HTTP %i answer as retryable=%s', async (status, retryable) => {
    const { sut } = edge(json(status, { code: 'X', message: 'nope' }));
    const error = await sut.addNote('7', 'text').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectWiseError);
    expect((error as ConnectWiseError).retryable).toBe(retryable);
    expect((error as ConnectWiseError).status).toBe(status);
    expect((error as ConnectWiseError).message).toContain('nope');
  });

  it('treats network failures and timeouts as retryable', async () => {
    const refused = await edge(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })).sut.systemInfo().catch((e: unknown) => e);
    expect(refused).toMatchObject({ retryable: true, status: null });
    expect((refused as Error).message).toContain('ECONNREFUSED');
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    await expect(edge(timeout).sut.systemInfo()).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('did not answer') });
  });

  it('answers null for a missing ticket and refuses a redirect or a non-JSON page', async () => {
    await expect(edge(json(404, { code: 'NotFound' })).sut.getTicket('9')).resolves.toBeNull();
    await expect(edge(new Response(null, { status: 302, headers: { location: 'https://elsewhere' } })).sut.systemInfo()).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('redirect'),
    });
    await expect(edge(new Response('<html>login</html>', { status: 200 })).sut.systemInfo()).rejects.toMatchObject({ retryable: false });
  });
});
