import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postToWebhook, WebhookDeliveryError } from './chat-webhook.client.js';

describe('postToWebhook', () => {
  let server: Server;
  let port: number;
  let hits: string[];
  let answer: { status: number; headers?: Record<string, string> };

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(answer.status, answer.headers).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    hits = [];
    answer = { status: 200 };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (url: string, publicOnly = false) => postToWebhook(url, { text: 'hi' }, { publicOnly });
  const failure = (url: string, publicOnly = false) => post(url, publicOnly).then(() => null, (error: unknown) => error);

  it('posts the JSON payload', async () => {
    await post(`http://127.0.0.1:${port}/hook`);
    expect(hits).toEqual(['/hook']);
  });

  it('refuses an internal address, by literal or by what the name resolves to, without connecting', async () => {
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/hook`]) {
      expect(await failure(url, true)).toMatchObject({ message: 'The webhook could not be reached', retryable: false });
    }
    expect(hits).toEqual([]);
  });

  it('does not follow a redirect', async () => {
    answer = { status: 302, headers: { location: `http://127.0.0.1:${port}/elsewhere` } };
    expect(await failure(`http://127.0.0.1:${port}/hook`)).toMatchObject({
      message: 'The webhook answered with a redirect (HTTP 302), which is not followed',
      retryable: false,
    });
    expect(hits).toEqual(['/hook']);
  });

  it('says only the status of a refusal, and which ones may pass on a retry', async () => {
    for (const [status, retryable] of [[404, false], [429, true], [503, true]] as const) {
      answer = { status };
      const error = await failure(`http://127.0.0.1:${port}/hook`);
      expect(error).toBeInstanceOf(WebhookDeliveryError);
      expect(error).toMatchObject({ message: `The webhook answered HTTP ${status}`, retryable });
    }
  });

  it('keeps network details out of the message', async () => {
    const error = await failure('http://127.0.0.1:1/hook');
    expect(error).toMatchObject({ message: 'The webhook could not be reached', retryable: true, detail: 'ECONNREFUSED' });
  });
});
