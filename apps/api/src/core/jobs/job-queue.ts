import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ClusterSignals } from '../events/cluster-signals.js';
import { backoffDelay } from './backoff.js';
import { PermanentJobError, type EnqueueOptions, type JobDefinition } from './job.types.js';
import { JOBS_CHANNEL, JobsRepository, type ClaimedJob } from './jobs.repository.js';

const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * A durable job queue in PostgreSQL: jobs are rows written in the same transaction as the
 * change that causes them, claimed with SKIP LOCKED by any API process, retried with backoff
 * and left `dead` after their last attempt. Workers wake on NOTIFY and also poll, so a missed
 * notification only delays a job by one interval.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private readonly running = new Map<string, Promise<void>>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private draining = false;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly jobs: JobsRepository,
    private readonly config: AppConfig,
    private readonly signals: ClusterSignals,
  ) {}

  /** Modules register their handlers at init; a queue has exactly one. */
  register<P>(definition: JobDefinition<P>): void {
    if (this.definitions.has(definition.queue)) throw new Error(`Job queue "${definition.queue}" is registered twice`);
    this.definitions.set(definition.queue, definition as JobDefinition<unknown>);
  }

  async enqueue<P>(queue: string, payload: P, options: EnqueueOptions = {}): Promise<string> {
    const definition = this.definitions.get(queue);
    if (!definition) throw new Error(`No handler is registered for job queue "${queue}"`);
    return this.jobs.insert(
      options.manager,
      {
        queue,
        payload,
        accountId: options.accountId ?? null,
        runAt: options.runAt ?? null,
        maxAttempts: options.maxAttempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      },
      options.delivery,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.env.JOBS_WORKER_ENABLED) return;
    this.stopped = false;
    this.unsubscribe = await this.signals.subscribe(JOBS_CHANNEL, () => this.wake());
    this.signals.onReconnect(() => this.wake());
    // Short claims renewed while the work runs: a crashed process strands its jobs for seconds, not minutes.
    const lockSeconds = this.config.env.JOBS_LOCK_SECONDS;
    this.heartbeat = setInterval(() => {
      this.jobs.extendLocks([...this.running.keys()], lockSeconds).catch((error: unknown) =>
        this.logger.warn({ err: (error as Error).message }, 'Could not renew job claims; will retry'),
      );
    }, (lockSeconds * 1000) / 3);
    this.heartbeat.unref();
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.unsubscribe?.();
    // In-flight jobs get a moment to finish; the rest are released for another process.
    const inFlight = [...this.running.values()];
    await Promise.race([Promise.allSettled(inFlight), new Promise((r) => setTimeout(r, 5_000).unref())]);
    await this.jobs.release([...this.running.keys()]).catch(() => undefined);
  }

  private wake(): void {
    if (this.draining) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delayMs);
    this.timer.unref();
  }

  /** Claims as many jobs as there are free worker slots, then waits for the next wake-up or poll. */
  private async drain(): Promise<void> {
    if (this.draining || this.stopped) return;
    this.draining = true;
    try {
      const free = this.config.env.JOBS_CONCURRENCY - this.running.size;
      if (free > 0 && this.definitions.size > 0) {
        const claimed = await this.jobs.claim([...this.definitions.keys()], free, this.config.env.JOBS_LOCK_SECONDS);
        for (const job of claimed) this.start(job);
        if (claimed.length === free) this.wakeRequested = true;
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'Could not claim jobs; will retry');
    } finally {
      this.draining = false;
      const again = this.wakeRequested;
      this.wakeRequested = false;
      this.schedule(again ? 0 : this.config.env.JOBS_POLL_INTERVAL_MS);
    }
  }

  private start(job: ClaimedJob): void {
    const run = this.execute(job).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, run);
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const definition = this.definitions.get(job.queue)!;
    try {
      await definition.handle(job.payload, {
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        accountId: job.accountId,
      });
      await this.jobs.complete(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError;
      const last = permanent || job.attempts >= job.maxAttempts;
      const retryIn = last ? null : backoffDelay(job.attempts, this.config.env.JOBS_BACKOFF_BASE_MS, this.config.env.JOBS_BACKOFF_MAX_MS);
      this.logger[last ? 'error' : 'warn'](
        { jobId: job.id, queue: job.queue, attempt: job.attempts, retryInMs: retryIn, err: message },
        last ? 'Job failed for good' : 'Job failed; will retry',
      );
      await this.jobs.fail(job, message, retryIn).catch((e: unknown) =>
        this.logger.error({ jobId: job.id, err: (e as Error).message }, 'Could not record a job failure'),
      );
    }
  }
}
