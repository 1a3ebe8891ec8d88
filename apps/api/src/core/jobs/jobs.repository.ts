import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../database/privileged-database.js';
import { queryRows } from '../database/sql.js';
import type { DeliveryInfo } from './job.types.js';

export interface ClaimedJob {
  id: string;
  queue: string;
  payload: unknown;
  accountId: string | null;
  attempts: number;
  maxAttempts: number;
}

export const JOBS_CHANNEL = 'rf_jobs';

/** Every query on `jobs` and `deliveries`. Workers serve all tenants, so this uses the owner connection. */
@Injectable()
export class JobsRepository {
  constructor(private readonly db: PrivilegedDatabase) {}

  /** Inserts the job (and its delivery record) in the caller's transaction and wakes workers when it commits. */
  async insert(
    manager: EntityManager | undefined,
    job: { queue: string; payload: unknown; accountId: string | null; runAt: Date | null; maxAttempts: number },
    delivery: DeliveryInfo | undefined,
  ): Promise<string> {
    const m = manager ?? this.db.manager;
    // One round trip for the job, its delivery record and the wake-up (an escalation enqueues
    // one job per recipient). NOTIFY inside a transaction is delivered at commit, never for a
    // rolled-back job.
    const [row] = await queryRows<{ id: string }>(
      m,
      `with job as (
         insert into jobs (queue, payload, account_id, run_at, max_attempts)
         values ($1, $2::jsonb, $3, coalesce($4, now()), $5) returning id
       ), delivery as (
         insert into deliveries (account_id, job_id, channel, purpose, target)
         select $3, job.id, $6, $7, $8 from job where $6::text is not null
       )
       select job.id, pg_notify($9, $1) from job`,
      [
        job.queue,
        JSON.stringify(job.payload),
        job.accountId,
        job.runAt,
        job.maxAttempts,
        delivery?.channel ?? null,
        delivery?.purpose ?? null,
        delivery?.target ?? null,
        JOBS_CHANNEL,
      ],
    );
    return row!.id;
  }

  /**
   * Takes up to `limit` due jobs of the given queues for this worker. SKIP LOCKED lets every
   * process claim concurrently without two taking the same job; a job whose worker died
   * (lock expired while running) is due again.
   */
  claim(queues: string[], limit: number, lockSeconds: number): Promise<ClaimedJob[]> {
    return queryRows<ClaimedJob>(
      this.db.manager,
      `update jobs set status = 'running', attempts = attempts + 1, updated_at = now(),
              locked_until = now() + make_interval(secs => $3)
        where id in (
          select id from jobs
           where queue = any($1)
             and ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now()))
           order by run_at, id
           limit $2
           for update skip locked)
        returning id, queue, payload, account_id as "accountId", attempts, max_attempts as "maxAttempts"`,
      [queues, limit, lockSeconds],
    );
  }

  /**
   * Records the claimed run's success. The claim is the job's attempt number: if this worker's lock
   * lapsed and another worker claimed the job since, the newer run decides and this one records
   * nothing (a late answer must not undo or repeat what the newer run did).
   */
  async complete(job: Pick<ClaimedJob, 'id' | 'attempts'>): Promise<void> {
    await this.db.transaction(async (m) => {
      const [, updated] = (await m.query(
        `update jobs set status = 'completed', completed_at = now(), updated_at = now(), locked_until = null
          where id = $1 and status = 'running' and attempts = $2`,
        [job.id, job.attempts],
      )) as [unknown, number];
      if (!updated) return;
      await m.query(
        `update deliveries set status = 'delivered', attempts = attempts + 1, delivered_at = now(), updated_at = now() where job_id = $1`,
        [job.id],
      );
    });
  }

  /** Records the claimed run's failure: due again after `retryInMs`, or dead when `retryInMs` is null; nothing if the claim was lost. */
  async fail(job: Pick<ClaimedJob, 'id' | 'attempts'>, error: string, retryInMs: number | null): Promise<void> {
    await this.db.transaction(async (m) => {
      const [, updated] = (await m.query(
        `update jobs set status = $3, last_error = $4, locked_until = null, updated_at = now(),
                run_at = case when $5::float8 is null then run_at else now() + make_interval(secs => $5::float8 / 1000) end
          where id = $1 and status = 'running' and attempts = $2`,
        [job.id, job.attempts, retryInMs === null ? 'dead' : 'pending', error.slice(0, 2000), retryInMs],
      )) as [unknown, number];
      if (!updated) return;
      await m.query(
        `update deliveries set status = $2, attempts = attempts + 1, last_error = $3, updated_at = now() where job_id = $1`,
        [job.id, retryInMs === null ? 'dead' : 'pending', error.slice(0, 2000)],
      );
    });
  }

  /** Renews the claim on jobs this worker is still running, so only a dead worker's jobs expire. */
  async extendLocks(ids: string[], lockSeconds: number): Promise<void> {
    if (!ids.length) return;
    await this.db.manager.query(
      `update jobs set locked_until = now() + make_interval(secs => $2) where id = any($1) and status = 'running'`,
      [ids, lockSeconds],
    );
  }

  /** Release this worker's running jobs at shutdown so another process picks them up at once. */
  async release(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.manager.query(
      `update jobs set status = 'pending', attempts = greatest(attempts - 1, 0), locked_until = null, updated_at = now()
        where id = any($1) and status = 'running'`,
      [ids],
    );
  }
}
