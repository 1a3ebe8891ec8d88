import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AppError } from './app-error.js';
import { toErrorEnvelope } from './error-envelope.js';

describe('toErrorEnvelope', () => {
  it('keeps an AppError as thrown, with its headers', () => {
    const mapped = toErrorEnvelope(
      new AppError(429, 'rate_limited', 'Slow down', { limit: 5 }, { 'Retry-After': '60' }),
    );
    expect(mapped.envelope).toEqual({ statusCode: 429, error: 'rate_limited', message: 'Slow down', details: { limit: 5 } });
    expect(mapped.headers).toEqual({ 'Retry-After': '60' });
    expect(mapped.unexpected).toBe(false);
  });

  it('maps Fastify body errors to client errors', () => {
    expect(toErrorEnvelope({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }).envelope.error).toBe('malformed_json');
    expect(toErrorEnvelope({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).envelope.statusCode).toBe(413);
    expect(toErrorEnvelope({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }).envelope.error).toBe('unsupported_media_type');
    const wrapped = new BadRequestException('Body is not valid JSON', { cause: { code: 'FST_ERR_CTP_INVALID_JSON_BODY' } });
    expect(toErrorEnvelope(wrapped).envelope.error).toBe('malformed_json');
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toErrorEnvelope(new NotFoundException('Cannot GET /x')).envelope).toEqual({
      statusCode: 404,
      error: 'not_found',
      message: 'Not found',
    });
    expect(toErrorEnvelope(new BadRequestException('nope')).envelope.error).toBe('bad_request');
  });

  it('answers 503 with Retry-After when the database is unreachable or restarting', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('query failed'), { driverError: { code: '57P01', message: 'terminating connection due to administrator command' } });
    for (const error of [refused, shutdown, new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect')]) {
      const mapped = toErrorEnvelope(error);
      expect(mapped.envelope).toMatchObject({ statusCode: 503, error: 'service_unavailable' });
      expect(mapped.headers).toEqual({ 'Retry-After': '2' });
    }
    // A query that is wrong is still ours to fix: 500.
    expect(toErrorEnvelope(Object.assign(new Error('syntax error'), { code: '42601' })).envelope.statusCode).toBe(500);
  });

  it('hides unknown errors behind a 500 without internals', () => {
    const mapped = toErrorEnvelope(new TypeError('secret detail at /srv/app.js:12'));
    expect(mapped.envelope).toEqual({
      statusCode: 500,
      error: 'internal_error',
      message: 'Something went wrong on our side; it has been logged',
    });
    expect(JSON.stringify(mapped.envelope)).not.toContain('secret');
    expect(mapped.unexpected).toBe(true);
  });
});
