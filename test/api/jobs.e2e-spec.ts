import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { JobQueue } from '../../apps/api/src/core/jobs/job-queue.js';
import { JobsRepository } from '../../apps/api/src/core/jobs/jobs.repository.js';
import { PermanentJobError } from '../../apps/api/src/core/jobs/job.types.js';
import { registerOwner } from '../support/identity.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** Every run of the probe queue, across both app instances of a test. */
const runs: { id: number; app: string }[] = [];

@Injectable()
class ProbeJobs implements OnModuleInit {
  constructor(private readonly jobs: JobQueue) {}
  onModuleInit() {
    this.jobs.register<{ id: number; failUntil?: number; permanent?: boolean }>({
      queue: 'test.probe',
      maxAttempts: 3,
      handle: async (payload, ctx) => {
        if (payload.permanent) throw new PermanentJobError('cannot ever work');
        if (payload.failUntil && ctx.attempt <= payload.failUntil) throw new Error(`attempt ${ctx.attempt} fails`);
        runs.push({ id: payload.id, app: process.env.RF_PROBE_APP ?? '' });
      },
    });
  }
}

@Module({ providers: [ProbeJobs] })
class ProbeJobsModule {}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('durable jobs and delivery records', () => {
  const smtp = new SmtpCapture();
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    await smtp.start();
    t = await bootTestApp({ env: { SMTP_URL: smtp.url }, extraModules: [ProbeJobsModule] });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const deliveryOf = async (email: string) =>
    (await db.query(`select status, attempts, last_error from deliveries where target = $1 and purpose = 'verify_email'`, [email]))[0];

  it('keeps sign-up working through an SMTP outage and delivers the email once SMTP is back', async () => {
    await smtp.setFailure('down');
    const owner = await registerOwner(t.http);
    await waitUntil(async () => ((await deliveryOf(owner.email))?.attempts ?? 0) >= 2);
    const failing = await deliveryOf(owner.email);
    expect(failing.status).toBe('pending');
    expect(failing.last_error).toBeTruthy();

    await smtp.setFailure('none');
    await smtp.waitFor((m) => m.to.includes(owner.email), 10_000);
    await waitUntil(async () => (await deliveryOf(owner.email))?.status === 'delivered');
    expect((await deliveryOf(owner.email)).attempts).toBeGreaterThanOrEqual(3);
  });

  it('gives up at once on a permanent SMTP refusal and records it as dead', async () => {
    await smtp.setFailure('reject', { code: 550 });
    const owner = await registerOwner(t.http);
    await waitUntil(async () => (await deliveryOf(owner.email))?.status === 'dead');
    expect((await deliveryOf(owner.email)).attempts).toBe(1);
    await smtp.setFailure('none');
  });

  it('retries with backoff and dead-letters after the last attempt', async () => {
    const queue = t.app.get(JobQueue);
    const flaky = await queue.enqueue('test.probe', { id: 1, failUntil: 2 });
    const doomed = await queue.enqueue('test.probe', { id: 2, failUntil: 99 });
    await waitUntil(async () => {
      const rows = await db.query(`select id, status from jobs where id = any($1)`, [[flaky, doomed]]);
      return rows.every((r: { status: string }) => r.status === 'completed' || r.status === 'dead');
    });
    const rows = await db.query(`select id::text, status, attempts, last_error from jobs where id = any($1) order by id`, [[flaky, doomed]]);
    expect(rows[0]).toMatchObject({ status: 'completed', attempts: 3 });
    expect(rows[1]).toMatchObject({ status: 'dead', attempts: 3, last_error: 'attempt 3 fails' });
    expect(runs.filter((r) => r.id === 1)).toHaveLength(1);
  });

  it('lets only the latest claim of a job record its outcome: a worker whose lock lapsed changes nothing', async () => {
    const jobs = t.app.get(JobsRepository);
    // A queue no worker of this app runs, so the test holds the claims itself.
    const id = await jobs.insert(undefined, { queue: 'test.unworked', payload: {}, accountId: null, runAt: null, maxAttempts: 5 }, {
      channel: 'email',
      purpose: 'probe_claims',
      target: 'claims@example.test',
    });
    const [stale] = await jobs.claim(['test.unworked'], 1, 30);
    await db.query(`update jobs set locked_until = now() - interval '1 second' where id = $1`, [id]);
    const [current] = await jobs.claim(['test.unworked'], 1, 30);
    expect([stale!.attempts, current!.attempts]).toEqual([1, 2]);

    const state = async () =>
      (await db.query(`select j.status as job, d.status as delivery, d.attempts from jobs j join deliveries d on d.job_id = j.id where j.id = $1`, [id]))[0];
    await jobs.fail(stale!, 'late failure of the lapsed run', null);
    await jobs.complete(stale!);
    expect(await state()).toEqual({ job: 'running', delivery: 'pending', attempts: 0 });

    await jobs.complete(current!);
    expect(await state()).toEqual({ job: 'completed', delivery: 'delivered', attempts: 1 });
    await jobs.fail(stale!, 'an even later failure', null);
    expect(await state()).toEqual({ job: 'completed', delivery: 'delivered', attempts: 1 });
  });

  it('enqueues atomically: a rolled-back transaction leaves no job', async () => {
    const queue = t.app.get(JobQueue);
    const before = Number((await db.query(`select count(*) from jobs where queue = 'test.probe'`))[0].count);
    await expect(
      db.transaction(async (manager) => {
        await queue.enqueue('test.probe', { id: 3 }, { manager });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const after = Number((await db.query(`select count(*) from jobs where queue = 'test.probe'`))[0].count);
    expect(after).toBe(before);
  });

  it('lets the runtime role enqueue inside its tenant transaction, and see only its own account’s jobs', async () => {
    const owner = await registerOwner(t.http);
    const accountId = owner.user.account.id;
    const tenant = t.app.get(TenantDatabase);
    const queue = t.app.get(JobQueue);
    await tenant.run(accountId, (manager) => queue.enqueue('test.probe', { id: 4 }, { manager, accountId }));
    await waitUntil(async () => runs.some((r) => r.id === 4));
    const visible: { account_id: string | null }[] = await tenant.run(accountId, (m) => m.query(`select account_id from jobs`));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((r) => r.account_id === accountId)).toBe(true);
    await expect(
      tenant.run(accountId, (m) => queue.enqueue('test.probe', { id: 5 }, { manager: m, accountId: null })),
    ).rejects.toThrow(/row-level security/);
  });

  it('runs each job exactly once across two API processes on one database', async () => {
    const second = await bootTestApp({ shareDatabaseWith: t, extraModules: [ProbeJobsModule] });
    try {
      const queue = t.app.get(JobQueue);
      const ids = Array.from({ length: 60 }, (_, i) => 1000 + i);
      await Promise.all(ids.map((id) => queue.enqueue('test.probe', { id })));
      await waitUntil(async () => ids.every((id) => runs.some((r) => r.id === id)));
      await new Promise((r) => setTimeout(r, 300));
      for (const id of ids) expect(runs.filter((r) => r.id === id)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
