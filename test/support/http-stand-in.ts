import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stand-in received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** Parsed JSON or form body, when it is one. */
  body: unknown;
}

export interface StandInResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type StandInHandler = (request: RecordedRequest) => StandInResponse | Promise<StandInResponse>;

/** `refuse` closes the port, `hang` never answers, `error` answers 500. */
export type StandInFault = 'none' | 'refuse' | 'hang' | 'error';

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('json')) return JSON.parse(raw);
  if (contentType?.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for a third party (Stripe, the AI provider, the PSA,
 * Slack/Teams webhooks): it records every request and answers from a handler, or fails on demand.
 * The port survives `refuse`, so the app reaches it again after recovery.
 */
export class HttpStandIn {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private port = 0;
  private fault: StandInFault = 'none';
  private readonly hanging = new Set<ServerResponse>();

  constructor(private handler: StandInHandler = () => ({ status: 200, body: {} })) {}

  get url(): string {
    if (!this.port) throw new Error('HttpStandIn is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  respondWith(handler: StandInHandler): void {
    this.handler = handler;
  }

  async setFault(fault: StandInFault): Promise<void> {
    this.fault = fault;
    if (fault === 'refuse') await this.stop();
    else if (!this.server) await this.start();
    if (fault !== 'hang') this.releaseHanging();
  }

  /** The first request, received or still to come, that matches. */
  async waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching request within ${timeoutMs} ms (${this.requests.length} received)`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.releaseHanging();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    let body: unknown;
    try {
      body = parseBody(rawBody, req.headers['content-type']);
    } catch {
      body = rawBody;
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, body };
    this.requests.push(recorded);

    if (this.fault === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (this.fault === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'stand-in failure' }));
      return;
    }
    const answer = await this.handler(recorded);
    const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, {
      ...(typeof answer.body === 'string' ? {} : { 'content-type': 'application/json' }),
      ...answer.headers,
    });
    res.end(payload);
  }

  private releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }
}
