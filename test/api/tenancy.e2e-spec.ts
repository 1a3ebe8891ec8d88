import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { AuditRepository } from '../../apps/api/src/core/audit/audit.repository.js';
import { loadConfig } from '../../apps/api/src/core/config/app-config.js';
import { APP_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { describeCurrentRole } from '../../apps/api/src/core/database/runtime-role.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { createRootLogger } from '../../apps/api/src/core/logging/logger.js';
import { AccountsService } from '../../apps/api/src/modules/accounts/accounts.service.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('tenant isolation by row-level security', () => {
  let t: TestApp;
  let tenant: TenantDatabase;
  let appDb: DataSource;
  let accountA: string;
  let accountB: string;

  beforeAll(async () => {
    t = await bootTestApp();
    tenant = t.app.get(TenantDatabase);
    appDb = t.app.get(APP_DATA_SOURCE);
    const accounts = t.app.get(AccountsService);
    accountA = (await accounts.createAccount('Alpha IT')).id;
    accountB = (await accounts.createAccount('Bravo IT')).id;
    const audit = t.app.get(AuditRepository);
    await tenant.run(accountA, () => audit.record({ action: 'probe.alpha' }));
    await tenant.run(accountB, () => audit.record({ action: 'probe.bravo' }));
  });
  afterAll(() => t.close());

  it('runs tenant queries as a role that cannot bypass RLS', async () => {
    const facts = await describeCurrentRole(appDb);
    expect(facts).toEqual({ role: 'rf_app', superuser: false, bypassRls: false, ownsTables: false });
  });

  it('shows an account only its own rows', async () => {
    const seen = await tenant.run(accountA, (m) => m.query(`select action from audit_events`));
    expect(seen).toEqual([{ action: 'probe.alpha' }]);
    const accounts = await tenant.run(accountA, (m) => m.query(`select name from accounts`));
    expect(accounts).toEqual([{ name: 'Alpha IT' }]);
  });

  it('shows nothing without an account, even with no WHERE clause', async () => {
    expect(await appDb.query(`select * from audit_events`)).toEqual([]);
    expect(await appDb.query(`select * from accounts`)).toEqual([]);
  });

  it('shows nothing for an account that does not exist', async () => {
    const seen = await tenant.run('00000000-0000-4000-8000-000000000000', (m) => m.query(`select * from audit_events`));
    expect(seen).toEqual([]);
  });

  it("refuses to write a row into another account", async () => {
    await expect(
      tenant.run(accountA, (m) =>
        m.query(`insert into audit_events (account_id, action) values ($1, 'probe.cross')`, [accountB]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      tenant.run(accountA, (m) => m.query(`update audit_events set action = 'probe.hijack' where account_id = $1`, [accountB])),
    ).resolves.toEqual([[], 0]);
  });

  it('keeps the account setting inside its transaction', async () => {
    await tenant.run(accountA, async () => undefined);
    const [{ setting }] = await appDb.query(`select coalesce(current_setting('app.account_id', true), '') as setting`);
    expect(setting).toBe('');
  });

  it('refuses to boot when the runtime role could bypass RLS', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.db.url, DATABASE_APP_URL: t.db.url });
    await expect(
      createApp(config, { owner: t.db.url, app: t.db.url }, createRootLogger('silent')),
    ).rejects.toThrow(/Refusing to start: the runtime database role "postgres"/);
  });
});
