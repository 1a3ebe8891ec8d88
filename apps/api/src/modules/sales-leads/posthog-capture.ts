import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { PermanentJobError } from '../../core/jobs/job.types.js';

export const POSTHOG_CAPTURE_QUEUE = 'posthog.capture';
const CAPTURE_TIMEOUT_MS = 10_000;

/** One product-analytics event, as the capture job carries it. */
export interface CapturedEvent {
  event: string;
  /** A stable, non-reversible id of whoever the event is about (never a raw email). */
  distinctId: string;
  properties: Record<string, unknown>;
  /** When it happened (ISO-8601), so a delayed retry is still placed right. */
  timestamp: string;
}

/**
 * Server-side product analytics through PostHog's capture HTTP API, as durable jobs with a
 * delivery record: an outage or a slow PostHog delays the event and never the user's request.
 * 5xx, 408, 429, timeouts and network errors are retried; any other 4xx would fail again, so the
 * job stops at once.
 */
@Injectable()
export class PostHogCapture implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<CapturedEvent>({ queue: POSTHOG_CAPTURE_QUEUE, maxAttempts: 8, handle: (event) => this.send(event) });
  }

  get enabled(): boolean {
    return this.config.env.POSTHOG_KEY !== undefined;
  }

  /** Queues `event` inside `manager`'s transaction; nothing is queued when POSTHOG_KEY is unset. */
  async capture(event: CapturedEvent, options: { manager: EntityManager; accountId?: string | null }): Promise<void> {
    if (!this.enabled) return;
    await this.jobs.enqueue(POSTHOG_CAPTURE_QUEUE, event, {
      manager: options.manager,
      accountId: options.accountId ?? null,
      delivery: { channel: 'analytics', purpose: event.event, target: new URL(this.config.env.POSTHOG_HOST).host },
    });
  }

  private async send(event: CapturedEvent): Promise<void> {
    const apiKey = this.config.env.POSTHOG_KEY;
    if (!apiKey) throw new PermanentJobError('POSTHOG_KEY is not set any more; the event cannot be sent');
    let response: Response;
    try {
      response = await fetch(captureUrl(this.config.env.POSTHOG_HOST), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          api_key: apiKey,
          event: event.event,
          distinct_id: event.distinctId,
          properties: event.properties,
          timestamp: event.timestamp,
        }),
        signal: AbortSignal.timeout(CAPTURE_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`PostHog could not be reached: ${(error as Error).message}`, { cause: error });
    }
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    if (response.ok) return;
    const failure = `PostHog answered ${response.status}${detail ? `: ${detail}` : ''}`;
    if (isRetryableStatus(response.status)) throw new Error(failure);
    throw new PermanentJobError(failure);
  }
}

/** `{host}/capture/`, keeping a path prefix a self-hosted or proxied PostHog may sit under. */
export function captureUrl(host: string): URL {
  return new URL('capture/', host.endsWith('/') ? host : `${host}/`);
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
