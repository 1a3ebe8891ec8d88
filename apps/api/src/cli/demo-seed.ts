import type { INestApplicationContext } from '@nestjs/common';
import { PrivilegedDatabase } from '../core/database/privileged-database.js';
import { AccountEntity } from '../modules/accounts/account.entity.js';
import { AccountsService } from '../modules/accounts/accounts.service.js';

export const DEMO_ACCOUNT_ID = '5b0d7e4c-4a57-4e3a-9a55-0c1f3f0d2a10';

export interface SeedReport {
  created: string[];
  skipped: string[];
}

/** Demo data for a first look at the product. Idempotent: an existing demo account is left alone. */
export async function seedDemo(app: INestApplicationContext): Promise<SeedReport> {
  const privileged = app.get(PrivilegedDatabase);
  const accounts = app.get(AccountsService);
  const report: SeedReport = { created: [], skipped: [] };
  await privileged.transaction(async (manager) => {
    if (await manager.existsBy(AccountEntity, { id: DEMO_ACCOUNT_ID })) {
      report.skipped.push('account "Northwind IT Services"');
      return;
    }
    await accounts.createAccount('Northwind IT Services', manager, DEMO_ACCOUNT_ID);
    report.created.push('account "Northwind IT Services"');
  });
  return report;
}
