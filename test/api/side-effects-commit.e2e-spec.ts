import type { DataSource } from 'typeorm';
import { AuditRepository } from '../../apps/api/src/core/audit/audit.repository.js';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import type { Principal } from '../../apps/api/src/core/auth/principal.js';
import { AccountInvitesService } from '../../apps/api/src/modules/accounts/invites/account-invites.service.js';
import { SessionPsaService } from '../../apps/api/src/modules/sessions/session-psa.service.js';
import { ConnectWiseStandIn } from '../support/connectwise-stand-in.js';
import { registerOwner, testEmail, type SignedIn } from '../support/identity.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Side effects queued from inside the action's own transaction: ConnectWise only hears of an
 * escalation or resolution that committed, an invitee only gets mail for an invite that exists,
 * and a side effect that cannot be queued never aborts the action. The worker is off, so queued
 * work stays as written.
 */
describe('side effects queued with the action that causes them', () => {
  const cw = new ConnectWiseStandIn({ companyId: 'notes_msp' }, { firstTicketId: 7000 });
  let t: TestApp;
  let db: DataSource;
  let tenant: TenantDatabase;
  let sessionPsa: SessionPsaService;
  let owner: SignedIn;
  let accountId: string;

  const notesFor = async (purpose: string) =>
    Number((await db.query(`select count(*) as n from deliveries where account_id = $1 and purpose = $2`, [accountId, purpose]))[0].n);

  beforeAll(async () => {
    await cw.start();
    t = await bootTestApp({ env: { JOBS_WORKER_ENABLED: 'false' } });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    tenant = t.app.get(TenantDatabase);
    sessionPsa = t.app.get(SessionPsaService);
    owner = await registerOwner(t.http);
    accountId = owner.user.account.id;
    expect((await t.http.put('/api/v1/psa/connection', cw.connectionSettings(), { token: owner.token })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await cw.stop();
  });

  it('queues nothing for an action that rolls back', async () => {
    const ticketId = String(cw.addTicket({ summary: 'VPN drops every ten minutes' }).id);
    await expect(
      tenant.run(accountId, async () => {
        expect(await sessionPsa.pushNote(accountId, ticketId, 'Escalated: VPN drops', 'probe_rolled_back')).toMatchObject({ status: 'queued' });
        throw new Error('the escalation failed after queuing its note');
      }),
    ).rejects.toThrow('the escalation failed');
    expect(await notesFor('probe_rolled_back')).toBe(0);
  });

  it('queues the note when the action commits', async () => {
    const ticketId = String(cw.addTicket({ summary: 'Printer offline' }).id);
    await tenant.run(accountId, () => sessionPsa.pushNote(accountId, ticketId, 'Resolved: driver rolled back', 'probe_committed'));
    expect(await notesFor('probe_committed')).toBe(1);
  });

  it('reports a note that cannot be queued and lets the action carry on and commit', async () => {
    const ticketId = String(cw.addTicket({ summary: 'Mailbox full' }).id);
    const audit = t.app.get(AuditRepository);
    const result = await tenant.run(accountId, async () => {
      // PostgreSQL refuses a NUL character in the job's JSON payload: a failure inside the database.
      const pushed = await sessionPsa.pushNote(accountId, ticketId, 'Resolved \u0000 with a NUL', 'probe_refused');
      await audit.record({ action: 'probe.after_note' });
      return pushed;
    });
    expect(result).toMatchObject({ status: 'failed', ticketId });
    expect(await notesFor('probe_refused')).toBe(0);
    expect(await db.query(`select action from audit_events where account_id = $1 and action = 'probe.after_note'`, [accountId])).toHaveLength(1);
  });

  it('mails an invite only when the invite commits', async () => {
    const invites = t.app.get(AccountInvitesService);
    const actor: Principal = {
      kind: 'user',
      userId: owner.user.id,
      apiKeyId: null,
      accountId,
      role: 'owner',
      superAdmin: false,
      emailVerified: true,
      createdAt: new Date(),
      name: owner.user.name,
      email: owner.email,
    };
    const mailsTo = async (email: string) =>
      Number((await db.query(`select count(*) as n from deliveries where purpose = 'account_invite' and target = $1`, [email]))[0].n);

    const undone = testEmail('undone');
    await expect(
      tenant.run(accountId, async () => {
        await invites.create(actor, { email: undone, role: 'engineer' });
        throw new Error('a later step of the wizard failed');
      }),
    ).rejects.toThrow('a later step');
    expect(await mailsTo(undone)).toBe(0);

    const kept = testEmail('kept');
    await tenant.run(accountId, () => invites.create(actor, { email: kept, role: 'engineer' }));
    expect(await mailsTo(kept)).toBe(1);
  });
});
