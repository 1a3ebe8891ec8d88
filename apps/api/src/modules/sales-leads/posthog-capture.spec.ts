import { captureUrl, isRetryableStatus } from './posthog-capture.js';

describe('PostHog capture', () => {
  it('posts to /capture/ under the configured host, keeping a path prefix', () => {
    expect(captureUrl('https://us.i.posthog.com').toString()).toBe('https://us.i.posthog.com/capture/');
    expect(captureUrl('https://eu.i.posthog.com/').toString()).toBe('https://eu.i.posthog.com/capture/');
    expect(captureUrl('https://example.test/ingest').toString()).toBe('https://example.test/ingest/capture/');
  });

  it('retries server errors, timeouts and throttling, not other client errors', () => {
    expect([500, 502, 503, 408, 429].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 413].map(isRetryableStatus)).toEqual([false, false, false, false, false]);
  });
});
