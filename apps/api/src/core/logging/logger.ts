import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';

/** Keys whose values never reach a log line. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
];

/** Query parameters that carry credentials (stream tickets, OAuth codes and state, email tokens). */
const SECRET_QUERY = /([?&](?:ticket|code|state|token)=)[^&#]*/gi;

/** Fastify's request shape for logs, with credential-bearing query parameters masked. */
function requestForLog(req: { method?: string; url?: string; headers?: Record<string, unknown>; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: req.method,
    url: req.url?.replace(SECRET_QUERY, '$1[redacted]'),
    version: req.headers?.['accept-version'],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * JSON lines to stdout, or to stderr (fd 2) where stdout carries a command's own output, or to a
 * stream of the caller's (tests read what would have been logged).
 */
export function createRootLogger(level: string, target: 1 | 2 | DestinationStream = 1): Pino {
  return pino(
    {
      level,
      base: { service: 'resolutionflow-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      // Fastify takes a logger instance's own `req` serializer over its default one.
      serializers: { req: requestForLog },
      formatters: { level: (label) => ({ level: label }) },
    },
    typeof target === 'number' ? pino.destination({ fd: target, sync: true }) : target,
  );
}

/** Nest's logger interface on top of the same JSON logger Fastify uses, so every line has one shape. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    // Nest passes the context last; a string before it (error only) is a stack trace.
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const extras = context === undefined ? params : params.slice(0, -1);
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof extras[0] === 'string' ? extras[0] : undefined;
      this.root[level]({ context, ...(message as object) }, text);
      return;
    }
    if (message instanceof Error) {
      this.root[level]({ context, err: message }, message.message);
      return;
    }
    const stack = typeof extras[0] === 'string' ? extras[0] : undefined;
    this.root[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
