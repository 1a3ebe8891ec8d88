import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorEnvelope } from './error-envelope.js';

/** The single place where failures become HTTP answers. No stack trace ever leaves the process. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { envelope, headers, unexpected } = toErrorEnvelope(exception);

    if (unexpected) {
      this.logger.error(
        { err: exception, reqId: request?.id, method: request?.method, url: request?.url },
        'Unhandled error while serving a request',
      );
    }
    if (reply.sent) return;
    for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
    void reply.status(envelope.statusCode).header('content-type', 'application/json; charset=utf-8').send(envelope);
  }
}
