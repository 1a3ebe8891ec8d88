import { Logger, type MessageEvent } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Observable, Subscription } from 'rxjs';

const logger = new Logger('EventStream');

const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
  connection: 'keep-alive',
  // Proxies such as NGINX must pass events on at once instead of buffering them.
  'x-accel-buffering': 'no',
};

function lines(prefix: string, text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `${prefix}${line}\n`)
    .join('');
}

/** One message in the text/event-stream format; string data is sent as it is, objects as JSON. */
export function formatEvent(message: MessageEvent & { comment?: string }): string {
  const clean = (value: unknown) => String(value).replace(/[\r\n]/g, '');
  let out = message.type ? `event: ${clean(message.type)}\n` : '';
  if (message.id !== undefined && message.id !== null) out += `id: ${clean(message.id)}\n`;
  if (message.retry !== undefined) out += `retry: ${clean(message.retry)}\n`;
  if (message.comment !== undefined) out += lines(': ', message.comment);
  if (message.data !== undefined && message.data !== null) {
    out += lines('data: ', typeof message.data === 'string' ? message.data : JSON.stringify(message.data));
  }
  return `${out}\n`;
}

/**
 * Streams `messages` to the client as server-sent events on the raw response. Once the headers
 * are out, only the subscription and the socket remain per client: Nest's @Sse() keeps its whole
 * request pipeline suspended for the life of each stream, which cost kilobytes per connected
 * client. The guards and the exception filter still answer anything refused before this runs.
 *
 * A client that stops reading loses its stream once `maxPendingBytes` wait for it, and resumes
 * with Last-Event-ID like after any drop.
 */
export function writeEventStream(request: FastifyRequest, reply: FastifyReply, messages: Observable<MessageEvent>, maxPendingBytes: number): void {
  reply.hijack();
  const res = reply.raw;
  const socket = request.raw.socket;
  socket.setKeepAlive(true);
  socket.setNoDelay(true);
  socket.setTimeout(0);
  // The headers every answer carries (security headers, CORS, request id), then the stream's own.
  res.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), 'x-request-id': request.id, ...EVENT_STREAM_HEADERS });
  res.flushHeaders();
  let closed = false;
  let subscription: Subscription | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    subscription?.unsubscribe();
    if (!res.writableEnded) res.end();
  };
  subscription = messages.subscribe({
    next: (message) => {
      if (closed) return;
      res.write(formatEvent(message));
      if (res.writableLength > maxPendingBytes) {
        logger.warn({ pendingBytes: res.writableLength }, 'A client is not reading its events; its stream is dropped');
        closed = true;
        subscription?.unsubscribe();
        res.destroy();
      }
    },
    error: (error: unknown) => {
      logger.error({ err: (error as Error)?.message }, 'A live stream failed');
      if (!closed && !res.writableEnded) res.write(formatEvent({ type: 'error', data: 'Internal server error' }));
      close();
    },
    complete: close,
  });
  if (closed) subscription.unsubscribe();
  res.once('close', close);
  if (res.destroyed) close();
}
