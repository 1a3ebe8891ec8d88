import type { FastifyReply } from 'fastify';

const HEARTBEAT_MS = 15_000;

/**
 * A Server-Sent Events answer on Fastify's raw response. The reply is hijacked, so the headers
 * Fastify's hooks set (CORS, request id, security) are copied over. Writes after the client has
 * gone are dropped silently: the work behind the stream carries on and is stored anyway.
 */
export class SseWriter {
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly reply: FastifyReply) {
    const raw = reply.raw;
    reply.hijack();
    raw.on('close', () => {
      this.closed = true;
    });
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'x-request-id': reply.request.id,
      'content-type': 'text/event-stream; charset=utf-8',
      // Proxies and compressors must pass each event through at once.
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.flushHeaders();
    // A comment line keeps idle proxies from closing the connection while the assistant thinks.
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get open(): boolean {
    return !this.closed && !this.reply.raw.destroyed && !this.reply.raw.writableEnded;
  }

  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (this.open) this.reply.raw.end();
  }

  private write(chunk: string): void {
    if (this.open) this.reply.raw.write(chunk);
  }
}
