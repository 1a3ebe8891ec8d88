import type { INestApplicationContext } from '@nestjs/common';
import type { Role } from '@resolutionflow/contracts';
import { PrivilegedDatabase } from '../core/database/privileged-database.js';
import { AccountEntity } from '../modules/accounts/account.entity.js';
import { AccountsService } from '../modules/accounts/accounts.service.js';
import { BillingService } from '../modules/billing/billing.service.js';
import { PasswordHasher } from '../modules/auth/password-hasher.js';
import { UsersService } from '../modules/users/users.service.js';

export const DEMO_ACCOUNT_ID = '5b0d7e4c-4a57-4e3a-9a55-0c1f3f0d2a10';
export const DEMO_PASSWORD = 'demo-password-123';

/** One of each role a demo needs: an owner past the welcome wizard, a junior and a senior engineer, a viewer. */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role; onboardingStepCompleted: number | null }> = [
  { email: 'owner@demo.resolutionflow.test', name: 'Olivia Owner', role: 'owner', onboardingStepCompleted: 3 },
  { email: 'engineer@demo.resolutionflow.test', name: 'Eli Engineer', role: 'engineer', onboardingStepCompleted: 3 },
  { email: 'senior@demo.resolutionflow.test', name: 'Sam Senior', role: 'engineer', onboardingStepCompleted: 3 },
  { email: 'viewer@demo.resolutionflow.test', name: 'Vera Viewer', role: 'viewer', onboardingStepCompleted: 3 },
];

export interface SeedReport {
  created: string[];
  skipped: string[];
}

/** Demo data for a first look at the product. Idempotent: whatever already exists is left alone. */
export async function seedDemo(app: INestApplicationContext): Promise<SeedReport> {
  const privileged = app.get(PrivilegedDatabase);
  const accounts = app.get(AccountsService);
  const users = app.get(UsersService);
  const passwordHash = await app.get(PasswordHasher).hash(DEMO_PASSWORD);
  const report: SeedReport = { created: [], skipped: [] };
  await privileged.transaction(async (manager) => {
    const account = 'account "Northwind IT Services"';
    if (await manager.existsBy(AccountEntity, { id: DEMO_ACCOUNT_ID })) {
      report.skipped.push(account);
    } else {
      await accounts.createAccount('Northwind IT Services', manager, DEMO_ACCOUNT_ID);
      // A Pro trial, like every new account, so sessions and escalations work in the demo.
      await app.get(BillingService).startTrial(DEMO_ACCOUNT_ID, manager);
      report.created.push(`${account} with a Pro trial`);
    }
    for (const demo of DEMO_USERS) {
      const label = `user ${demo.email} (${demo.role}, password ${DEMO_PASSWORD})`;
      if (await users.findByEmail(demo.email, manager)) {
        report.skipped.push(label);
        continue;
      }
      await users.create({ ...demo, accountId: DEMO_ACCOUNT_ID, passwordHash, emailVerifiedAt: new Date() }, manager);
      report.created.push(label);
    }
  });
  return report;
}
