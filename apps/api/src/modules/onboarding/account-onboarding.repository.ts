import { Injectable } from '@nestjs/common';
import type { TeamSize } from '@resolutionflow/contracts';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AccountOnboardingEntity } from './account-onboarding.entity.js';

export interface ToolChoices {
  psa: string | null;
  chat: string[];
}

/** Every query on `account_onboarding`, in the caller's tenant transaction. */
@Injectable()
export class AccountOnboardingRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  /** Each step writes only its own columns, so answering step 3 keeps the team size of step 1. */
  async saveTeamSize(teamSize: TeamSize, userId: string): Promise<void> {
    await this.upsert({ teamSize, updatedBy: userId });
  }

  async saveToolChoices(choices: ToolChoices, userId: string): Promise<void> {
    await this.upsert({ psa: choices.psa, chat: choices.chat, updatedBy: userId });
  }

  private async upsert(values: Partial<AccountOnboardingEntity>): Promise<void> {
    await this.tenant
      .manager()
      .upsert(AccountOnboardingEntity, { ...values, accountId: this.requireAccount() }, { conflictPaths: ['accountId'] });
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('Onboarding answers are written inside a tenant transaction');
    return accountId;
  }
}
