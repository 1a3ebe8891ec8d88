import { Injectable, Logger } from '@nestjs/common';
import type { AdminPlan, UpdateAdminPlanRequest } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { mapAdminPlan } from './billing.mapper.js';
import { EntitlementsService } from './entitlements.service.js';
import { PlansRepository, type BillingFields } from './plans.repository.js';

/** `pro` → `Pro`: the display name a billing row gets when a super-admin names none. */
export function defaultDisplayName(plan: string): string {
  return plan.charAt(0).toUpperCase() + plan.slice(1);
}

/** Super-admin management of plan limits and billing data (platform tables, privileged connection). */
@Injectable()
export class PlansAdminService {
  private readonly logger = new Logger(PlansAdminService.name);

  constructor(
    private readonly plans: PlansRepository,
    private readonly privileged: PrivilegedDatabase,
    private readonly entitlements: EntitlementsService,
  ) {}

  async list(): Promise<AdminPlan[]> {
    return (await this.plans.listAll()).map(mapAdminPlan);
  }

  /**
   * Limits and billing change in one transaction; a billing row is created when the plan has none
   * and any billing field is given. Once committed, every process drops the cached entitlements of
   * the accounts on this plan, so new limits apply at once rather than after the cache's TTL.
   */
  async update(actor: Principal, plan: string, input: UpdateAdminPlanRequest): Promise<AdminPlan> {
    const { limits, ...billing } = input;
    const given = Object.fromEntries(Object.entries(billing).filter(([, value]) => value !== undefined)) as BillingFields;
    const updated = await this.privileged.transaction(async (manager) => {
      if (!(await this.plans.updateLimits(plan, limits, manager))) throw new AppError(404, 'unknown_plan', `There is no plan "${plan}"`);
      if (Object.keys(given).length > 0) {
        await this.plans.upsertBilling(plan, given, { displayName: defaultDisplayName(plan) }, manager).catch((error: unknown) => {
          if ((error as { constraint?: string }).constraint === 'plan_billing_stripe_price_key') {
            throw new AppError(409, 'stripe_price_in_use', 'Another plan already sells this Stripe price');
          }
          throw error;
        });
      }
      await this.entitlements.signalChange({ plan }, manager);
      return this.plans.findWithBilling(plan, manager);
    });
    this.entitlements.dropLocal({ plan });
    this.logger.log({ plan, actorUserId: actor.userId, fields: Object.keys(given), limits }, 'Plan updated');
    return mapAdminPlan(updated!);
  }
}
