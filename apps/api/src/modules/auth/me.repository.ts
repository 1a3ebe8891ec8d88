import { Injectable } from '@nestjs/common';
import type { Role, SubscriptionStatus } from '@resolutionflow/contracts';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';

/** Everything `/auth/me` answers about its user, their account and its subscription. */
export interface MeRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  superAdmin: boolean;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  onboardingStepCompleted: number | null;
  onboardingDismissed: boolean;
  accountId: string;
  accountName: string;
  plan: string | null;
  status: SubscriptionStatus | null;
  trialEndsAt: Date | null;
}

/** The read behind `/auth/me` and every sign-in answer: one statement, asked on nearly every page load. */
@Injectable()
export class MeRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  /** Must run in the user's tenant transaction; null when the user is not (or no longer) in it. */
  async find(userId: string): Promise<MeRow | null> {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('Reading /auth/me needs the tenant transaction');
    const [row] = await queryRows<MeRow>(
      this.tenant.manager(),
      `select u.id, u.email, u.name, u.role, u.super_admin as "superAdmin", u.email_verified_at as "emailVerifiedAt",
              u.created_at as "createdAt", u.onboarding_step_completed as "onboardingStepCompleted",
              u.onboarding_dismissed as "onboardingDismissed", a.id as "accountId", a.name as "accountName",
              s.plan, s.status, s.trial_ends_at as "trialEndsAt"
         from users u
         join accounts a on a.id = u.account_id
         left join subscriptions s on s.account_id = u.account_id
        where u.id = $1 and u.account_id = $2 and u.removed_at is null`,
      [userId, accountId],
    );
    return row ?? null;
  }
}
