import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { PrivilegedDatabase } from '../../apps/api/src/core/database/privileged-database.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { AppError } from '../../apps/api/src/core/errors/app-error.js';
import { open, parseEncryptionKey } from '../../apps/api/src/core/security/encryption.js';
import { PsaService } from '../../apps/api/src/modules/psa/psa.service.js';
import { ConnectWiseStandIn } from '../support/connectwise-stand-in.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const CONNECTION = '/api/v1/psa/connection';
const TICKETS = '/api/v1/psa/tickets';

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PSA (ConnectWise Manage)', () => {
  const cwA = new ConnectWiseStandIn({ companyId: 'acme_msp' }, { firstTicketId: 1000 });
  const cwB = new ConnectWiseStandIn({ companyId: 'beta_msp' }, { firstTicketId: 5000 });
  let t: TestApp;
  let db: DataSource;
  let psa: PsaService;
  let ownerA: SignedIn;
  let adminA: SignedIn;
  let engineerA: SignedIn;
  let viewerA: SignedIn;
  let ownerB: SignedIn;
  let accountA: string;
  let accountB: string;

  const deliveryOf = async (accountId: string, purpose: string) =>
    (
      await db.query(`select channel, target, status, attempts, last_error from deliveries where account_id = $1 and purpose = $2`, [
        accountId,
        purpose,
      ])
    )[0] as { channel: string; target: string; status: string; attempts: number; last_error: string | null } | undefined;

  const rawConnection = async (accountId: string) =>
    (await db.query(`select * from psa_connections where account_id = $1`, [accountId]))[0] as Record<string, unknown> | undefined;

  const connectA = async () => {
    const res = await t.http.put(CONNECTION, cwA.connectionSettings({ defaultBoardId: 5 }), { token: ownerA.token });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    await Promise.all([cwA.start(), cwB.start()]);
    // No entitlements cache, so the lapsed-subscription test sees its change at once.
    t = await bootTestApp({ env: { ENCRYPTION_KEY, PSA_REQUEST_TIMEOUT_MS: '1000', ENTITLEMENTS_CACHE_TTL_SECONDS: '0' } });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    psa = t.app.get(PsaService);
    ownerA = await registerOwner(t.http, { accountName: 'Acme MSP' });
    ownerB = await registerOwner(t.http, { accountName: 'Beta MSP' });
    accountA = ownerA.user.account.id;
    accountB = ownerB.user.account.id;
    [adminA, engineerA, viewerA] = await Promise.all([
      addTeammate(t.http, ownerA.token, 'admin'),
      addTeammate(t.http, ownerA.token, 'engineer'),
      addTeammate(t.http, ownerA.token, 'viewer'),
    ]);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([cwA.stop(), cwB.stop()]);
  });

  it('has no connection until one is saved: 404 on the settings, 409 psa_not_connected for PSA work', async () => {
    expect((await t.http.get(CONNECTION, { token: ownerA.token })).body).toMatchObject({ statusCode: 404, error: 'psa_not_connected' });
    expect((await t.http.get(TICKETS, { token: engineerA.token })).body).toMatchObject({ statusCode: 409, error: 'psa_not_connected' });
    expect((await t.http.post(`${CONNECTION}/test`, {}, { token: ownerA.token })).body).toMatchObject({ statusCode: 409, error: 'psa_not_connected' });
    await expect(psa.isConnected(accountA)).resolves.toBe(false);
    await expect(psa.createTicket(accountA, { summary: 's', description: 'd' })).rejects.toMatchObject({ status: 409, code: 'psa_not_connected' });
    await expect(psa.enqueueNote(accountA, '1000', 'note', { purpose: 'probe' })).rejects.toMatchObject({ status: 409, code: 'psa_not_connected' });
    expect(cwA.requests).toHaveLength(0);
  });

  it('stores the private key encrypted at rest and never answers it', async () => {
    const res = await t.http.put(
      CONNECTION,
      cwA.connectionSettings({ siteUrl: `${cwA.url}/v4_6_release/apis/3.0/`, defaultBoardId: 5, defaultCompanyIdentifier: 'Catchall' }),
      { token: ownerA.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      provider: 'connectwise',
      siteUrl: cwA.url,
      companyId: 'acme_msp',
      publicKey: cwA.credentials.publicKey,
      privateKeySet: true,
      clientId: cwA.credentials.clientId,
      defaultBoardId: 5,
      defaultStatusId: null,
      defaultCompanyIdentifier: 'Catchall',
      lastTestedAt: null,
      lastTestOk: null,
      lastTestMessage: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.text).not.toContain(cwA.credentials.privateKey);

    const stored = String((await rawConnection(accountA))!.private_key_encrypted);
    expect(stored).toMatch(/^v1:[0-9a-f]{8}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(stored).not.toContain(cwA.credentials.privateKey);
    expect(open(parseEncryptionKey(ENCRYPTION_KEY), stored, `psa_connections.private_key:${accountA}`)).toBe(cwA.credentials.privateKey);

    const audit = await db.query(`select actor_user_id, data from audit_events where account_id = $1 and action = 'psa_connection.saved'`, [accountA]);
    expect(audit).toEqual([{ actor_user_id: ownerA.user.id, data: expect.objectContaining({ siteUrl: cwA.url, privateKeyChanged: true }) }]);
    expect(JSON.stringify(audit)).not.toContain(cwA.credentials.privateKey);

    const shown = await t.http.get(CONNECTION, { token: adminA.token });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(res.body);
    await expect(psa.isConnected(accountA)).resolves.toBe(true);
  });

  it('keeps the stored key when a save leaves it out, and needs one for a new connection', async () => {
    const before = String((await rawConnection(accountA))!.private_key_encrypted);
    const { privateKey: _omitted, ...withoutKey } = cwA.connectionSettings({ defaultBoardId: 5 });
    const res = await t.http.put(CONNECTION, withoutKey, { token: adminA.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ defaultCompanyIdentifier: null, privateKeySet: true });
    expect((await rawConnection(accountA))!.private_key_encrypted).toBe(before);

    const { privateKey: _none, ...newWithoutKey } = cwB.connectionSettings();
    const refused = await t.http.put(CONNECTION, newWithoutKey, { token: ownerB.token });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('psa_private_key_required');
    expect(await rawConnection(accountB)).toBeUndefined();
  });

  it('validates the settings', async () => {
    const bad = await t.http.put(CONNECTION, cwA.connectionSettings({ siteUrl: 'ftp://cw.example.test', companyId: 'a:b' }), { token: ownerA.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['companyId', 'siteUrl']);
    const withQuery = await t.http.put(CONNECTION, cwA.connectionSettings({ siteUrl: `${cwA.url}?x=1` }), { token: ownerA.token });
    expect(withQuery.status).toBe(400);
    const notAUrl = await t.http.put(CONNECTION, cwA.connectionSettings({ siteUrl: 'not a url' }), { token: ownerA.token });
    expect(notAUrl.status).toBe(400);
    expect(notAUrl.body.details.fields.siteUrl).toBeDefined();
  });

  it('tests the connection with the real auth, and reports bad credentials or an unreachable site as ok:false', async () => {
    const ok = await t.http.post(`${CONNECTION}/test`, {}, { token: ownerA.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, message: expect.stringContaining('v2025') });
    const call = cwA.requests.at(-1)!;
    expect(call.path).toBe('/v4_6_release/apis/3.0/system/info');
    expect(Buffer.from(String(call.headers.authorization).replace('Basic ', ''), 'base64').toString()).toBe(
      `acme_msp+${cwA.credentials.publicKey}:${cwA.credentials.privateKey}`,
    );
    expect(call.headers.clientid).toBe(cwA.credentials.clientId);
    expect((await t.http.get(CONNECTION, { token: ownerA.token })).body).toMatchObject({ lastTestOk: true, lastTestedAt: ok.body.testedAt });

    await t.http.put(CONNECTION, cwA.connectionSettings({ privateKey: 'wrong-key' }), { token: ownerA.token });
    const rejected = await t.http.post(`${CONNECTION}/test`, {}, { token: ownerA.token });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ ok: false, message: expect.stringContaining('401') });
    expect((await t.http.get(CONNECTION, { token: ownerA.token })).body).toMatchObject({ lastTestOk: false, lastTestMessage: rejected.body.message });

    await t.http.put(CONNECTION, cwA.connectionSettings({ siteUrl: 'http://127.0.0.1:1' }), { token: ownerA.token });
    const unreachable = await t.http.post(`${CONNECTION}/test`, {}, { token: ownerA.token });
    expect(unreachable.status).toBe(200);
    expect(unreachable.body).toMatchObject({ ok: false, message: expect.stringContaining('Could not reach') });

    await connectA();
  });

  it('searches and reads tickets through the account’s ConnectWise, escaping the search properly', async () => {
    const quoted = cwA.addTicket({ summary: 'VPN "tunnel" down at HQ' });
    const slashed = cwA.addTicket({ summary: 'Share \\\\fs01\\users unreachable' });
    const printer = cwA.addTicket({ summary: 'Printer jam on floor 2', status: { id: 4, name: 'In Progress' } });

    const byQuote = await t.http.get(`${TICKETS}?search=${encodeURIComponent('"tunnel" down')}`, { token: engineerA.token });
    expect(byQuote.status).toBe(200);
    expect(byQuote.body.items).toEqual([{ id: String(quoted.id), summary: quoted.summary, status: 'New', board: 'Service Desk', company: 'Catchall' }]);
    expect(cwA.requests.at(-1)!.query.get('conditions')).toBe('summary like "%\\"tunnel\\" down%"');

    const bySlash = await t.http.get(`${TICKETS}?search=${encodeURIComponent('\\\\fs01\\')}`, { token: engineerA.token });
    expect(bySlash.body.items.map((i: { id: string }) => i.id)).toEqual([String(slashed.id)]);

    const byNumber = await t.http.get(`${TICKETS}?search=${printer.id}`, { token: engineerA.token });
    expect(byNumber.body.items).toEqual([expect.objectContaining({ id: String(printer.id), status: 'In Progress' })]);

    const newest = await t.http.get(`${TICKETS}?limit=2`, { token: engineerA.token });
    expect(newest.body.items.map((i: { id: string }) => i.id)).toEqual([String(printer.id), String(slashed.id)]);

    const one = await t.http.get(`${TICKETS}/${printer.id}`, { token: engineerA.token });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ id: String(printer.id), summary: printer.summary, status: 'In Progress', board: 'Service Desk', company: 'Catchall' });
    expect((await t.http.get(`${TICKETS}/999999`, { token: engineerA.token })).body).toMatchObject({ statusCode: 404, error: 'psa_ticket_not_found' });
    expect((await t.http.get(`${TICKETS}/abc`, { token: engineerA.token })).body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    expect((await t.http.get(`${TICKETS}?limit=500`, { token: engineerA.token })).status).toBe(400);
    await expect(psa.getTicket(accountA, String(printer.id))).resolves.toMatchObject({ id: String(printer.id), summary: printer.summary, status: 'In Progress' });
    await expect(psa.getTicket(accountA, '999999')).resolves.toBeNull();
  });

  it('answers 502 psa_unavailable when ConnectWise fails a synchronous call', async () => {
    cwA.failNext(503);
    const res = await t.http.get(`${TICKETS}?search=vpn`, { token: engineerA.token });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: 'psa_unavailable', details: { providerStatus: 503, retryable: true } });
    cwA.failNext(500);
    await expect(psa.createTicket(accountA, { summary: 'x', description: 'y' })).rejects.toMatchObject({ status: 502, code: 'psa_unavailable' });
    await expect(psa.createTicket(accountA, { summary: ' ', description: 'y' })).rejects.toBeInstanceOf(AppError);
  });

  it('gives up on a ConnectWise that does not answer instead of hanging the request', async () => {
    await cwA.setFault('hang');
    try {
      const started = Date.now();
      const res = await t.http.get(`${TICKETS}/1000`, { token: engineerA.token });
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ error: 'psa_unavailable', message: expect.stringContaining('did not answer within 1000 ms') });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await cwA.setFault('none');
    }
  });

  it('creates a ticket and delivers a note as a durable job with a psa delivery record', async () => {
    const { ticketId } = await psa.createTicket(accountA, { summary: `Outlook crashes on start ${'x'.repeat(120)}`, description: 'Steps so far…' });
    const created = cwA.tickets.find((ticket) => String(ticket.id) === ticketId)!;
    expect(created.summary.length).toBeLessThanOrEqual(100);
    expect(created).toMatchObject({ initialDescription: 'Steps so far…', board: { id: 5 } });

    await psa.enqueueNote(accountA, ticketId, 'Escalated: documentation attached', { purpose: 'session_escalated' });
    const note = await cwA.waitForNote((n) => String(n.ticketId) === ticketId);
    expect(note).toMatchObject({ text: 'Escalated: documentation attached', detailDescriptionFlag: true, internalAnalysisFlag: false });
    await waitUntil(async () => (await deliveryOf(accountA, 'session_escalated'))?.status === 'delivered');
    expect(await deliveryOf(accountA, 'session_escalated')).toMatchObject({ channel: 'psa', target: `ticket #${ticketId}`, attempts: 1 });
  });

  it('enqueues inside the caller’s transaction: nothing on rollback, delivered after commit', async () => {
    const ticket = cwA.addTicket({ summary: 'Transactional note' });
    // The job table belongs to the owner connection (core/jobs), so the caller's transaction is a privileged one.
    const jobsDb = t.app.get(PrivilegedDatabase);
    await expect(
      jobsDb.transaction(async (manager) => {
        await psa.enqueueNote(accountA, String(ticket.id), 'rolled back', { manager, purpose: 'tx_rollback' });
        throw new Error('the business change fails');
      }),
    ).rejects.toThrow('the business change fails');
    await jobsDb.transaction((manager) => psa.enqueueNote(accountA, String(ticket.id), 'committed', { manager, purpose: 'tx_commit' }));
    await cwA.waitForNote((n) => n.ticketId === ticket.id && n.text === 'committed');
    await waitUntil(async () => (await deliveryOf(accountA, 'tx_commit'))?.status === 'delivered');
    expect(cwA.notes.filter((n) => n.ticketId === ticket.id).map((n) => n.text)).toEqual(['committed']);
    expect(await deliveryOf(accountA, 'tx_rollback')).toBeUndefined();
  });

  it('retries a note through a ConnectWise outage and records every attempt', async () => {
    const ticket = cwA.addTicket({ summary: 'Outage note' });
    cwA.failNext(500, 2);
    await psa.enqueueNote(accountA, String(ticket.id), 'after the outage', { purpose: 'outage_note' });
    await cwA.waitForNote((n) => n.ticketId === ticket.id);
    await waitUntil(async () => (await deliveryOf(accountA, 'outage_note'))?.status === 'delivered');
    const delivery = (await deliveryOf(accountA, 'outage_note'))!;
    expect(delivery.attempts).toBeGreaterThanOrEqual(2);
    expect(delivery.attempts).toBe(3);
  });

  it('records a refused note (4xx) as dead at once', async () => {
    const ticket = cwA.addTicket({ summary: 'Refused note' });
    cwA.failNext(400);
    await psa.enqueueNote(accountA, String(ticket.id), 'refused', { purpose: 'refused_note' });
    await waitUntil(async () => (await deliveryOf(accountA, 'refused_note'))?.status === 'dead');
    expect(await deliveryOf(accountA, 'refused_note')).toMatchObject({ attempts: 1, last_error: expect.stringContaining('400') });
    expect(cwA.notes.some((n) => n.ticketId === ticket.id)).toBe(false);
    await expect(psa.enqueueNote(accountA, 'not-a-number', 'x', { purpose: 'bad' })).rejects.toMatchObject({ status: 422, code: 'psa_ticket_id_invalid' });
  });

  it('lets only owners and admins manage the connection, and keeps viewers away from tickets', async () => {
    expect((await t.http.get(TICKETS, { token: viewerA.token })).status).toBe(403);
    expect((await t.http.get(`${TICKETS}/1000`, { token: viewerA.token })).status).toBe(403);
    expect((await t.http.get(CONNECTION, { token: viewerA.token })).status).toBe(403);
    expect((await t.http.get(CONNECTION, { token: engineerA.token })).status).toBe(403);
    expect((await t.http.put(CONNECTION, cwA.connectionSettings(), { token: engineerA.token })).status).toBe(403);
    expect((await t.http.delete(CONNECTION, { token: engineerA.token })).status).toBe(403);
    expect((await t.http.post(`${CONNECTION}/test`, {}, { token: engineerA.token })).status).toBe(403);
    expect((await t.http.get(CONNECTION)).status).toBe(401);
  });

  it('is a Pro feature: a lapsed subscription answers 402', async () => {
    const lapsed = await registerOwner(t.http, { accountName: 'Lapsed MSP' });
    await db.query(`update subscriptions set status = 'canceled', trial_ends_at = now() - interval '1 day' where account_id = $1`, [lapsed.user.account.id]);
    for (const res of [
      await t.http.get(CONNECTION, { token: lapsed.token }),
      await t.http.put(CONNECTION, cwB.connectionSettings(), { token: lapsed.token }),
      await t.http.get(TICKETS, { token: lapsed.token }),
    ]) {
      expect(res.status).toBe(402);
      expect(res.body.error).toBe('subscription_required');
    }
  });

  it('keeps each account to its own connection and its own ConnectWise', async () => {
    expect((await t.http.get(CONNECTION, { token: ownerB.token })).status).toBe(404);
    expect((await t.http.put(CONNECTION, cwB.connectionSettings(), { token: ownerB.token })).status).toBe(200);
    expect((await t.http.get(CONNECTION, { token: ownerB.token })).body).toMatchObject({ siteUrl: cwB.url, companyId: 'beta_msp' });
    expect((await t.http.get(CONNECTION, { token: ownerA.token })).body).toMatchObject({ siteUrl: cwA.url, companyId: 'acme_msp' });

    const aTicket = cwA.addTicket({ summary: 'Only in A' });
    const bTicket = cwB.addTicket({ summary: 'Only in B' });
    const aCallsBefore = cwA.requests.length;
    expect((await t.http.get(`${TICKETS}/${aTicket.id}`, { token: ownerB.token })).body).toMatchObject({ statusCode: 404, error: 'psa_ticket_not_found' });
    const bSearch = await t.http.get(`${TICKETS}?search=Only`, { token: ownerB.token });
    expect(bSearch.body.items.map((i: { id: string }) => i.id)).toEqual([String(bTicket.id)]);
    await psa.enqueueNote(accountB, String(bTicket.id), 'B note', { purpose: 'b_note' });
    await cwB.waitForNote((n) => n.ticketId === bTicket.id);
    expect(cwA.requests.length).toBe(aCallsBefore);
    expect(cwB.requests.every((r) => String(r.headers.authorization).length > 0 && r.headers.clientid === cwB.credentials.clientId)).toBe(true);

    // Row-level security underneath: B's tenant transaction cannot see A's row at all.
    const tenant = t.app.get(TenantDatabase);
    const seen = await tenant.run(accountB, (m) => m.query(`select account_id from psa_connections`));
    expect(seen).toEqual([{ account_id: accountB }]);

    expect((await t.http.delete(CONNECTION, { token: ownerB.token })).status).toBe(204);
    expect((await t.http.delete(CONNECTION, { token: ownerB.token })).status).toBe(204);
    expect((await t.http.get(CONNECTION, { token: ownerB.token })).status).toBe(404);
    expect((await t.http.get(CONNECTION, { token: ownerA.token })).status).toBe(200);
    await expect(psa.isConnected(accountB)).resolves.toBe(false);
  });
});
