import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config.js';
import { ClusterSignals } from '../../core/events/cluster-signals.js';
import { ExpiringCache } from './expiring-cache.js';
import { entitlementsAt, FREE_PLAN, type AccountEntitlements, type EntitlementsSnapshot } from './entitlements.js';
import { PlansRepository } from './plans.repository.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/** Heard by every API process: an account id, or `plan:<key>` for every account on a plan. */
export const ENTITLEMENTS_CHANNEL = 'rf_entitlements';
const PLAN_PREFIX = 'plan:';

/** Whose cached entitlements a change makes stale. */
export type EntitlementsTarget = { accountId: string } | { plan: string };

function payloadOf(target: EntitlementsTarget): string {
  return 'plan' in target ? `${PLAN_PREFIX}${target.plan}` : target.accountId;
}

/**
 * What an account may use (its plan's limits and whether Pro features are open), cached per
 * account in this process for ENTITLEMENTS_CACHE_TTL_SECONDS. Every change that alters it —
 * a Stripe webhook, a super-admin plan edit — signals all processes, which drop the entries.
 */
@Injectable()
export class EntitlementsService implements OnModuleInit {
  private readonly logger = new Logger(EntitlementsService.name);
  private readonly cache: ExpiringCache<EntitlementsSnapshot>;

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly plans: PlansRepository,
    private readonly signals: ClusterSignals,
    config: AppConfig,
  ) {
    this.cache = new ExpiringCache(config.env.ENTITLEMENTS_CACHE_TTL_SECONDS * 1000);
  }

  async onModuleInit(): Promise<void> {
    await this.signals.subscribe(ENTITLEMENTS_CHANNEL, (payload) => this.drop(payload));
    // Signals sent while this process was disconnected are lost: start from nothing.
    this.signals.onReconnect(() => this.cache.clear());
  }

  /** The account's entitlements now; trial ends are judged at each call, never cached. */
  async forAccount(accountId: string): Promise<AccountEntitlements> {
    return entitlementsAt(await this.cache.getOrLoad(accountId, () => this.load(accountId)));
  }

  /**
   * Tells every process (this one included) to drop the target's entries. Inside `manager`'s
   * transaction the signal goes out only when it commits, so nothing is dropped for a rolled-back change.
   */
  async signalChange(target: EntitlementsTarget, manager?: EntityManager): Promise<void> {
    await this.signals.publish(ENTITLEMENTS_CHANNEL, payloadOf(target), manager);
  }

  /** Drops the target's entries in this process at once, so its next answer already reflects a committed change. */
  dropLocal(target: EntitlementsTarget): void {
    this.drop(payloadOf(target));
  }

  private drop(payload: string): void {
    if (payload.startsWith(PLAN_PREFIX)) {
      const plan = payload.slice(PLAN_PREFIX.length);
      // Every entry carries the free plan's limits (a locked account falls back to them), so a free-plan edit drops all.
      if (plan === FREE_PLAN) this.cache.clear();
      else this.cache.deleteWhere((entry) => entry.subscription?.plan === plan);
    } else {
      this.cache.delete(payload);
    }
    this.logger.debug({ payload }, 'Entitlements dropped');
  }

  private async load(accountId: string): Promise<EntitlementsSnapshot> {
    const subscription = await this.subscriptions.findByAccount(accountId);
    const plan = subscription?.plan ?? FREE_PLAN;
    const limits = await this.plans.limitsOf([...new Set([plan, FREE_PLAN])]);
    return {
      subscription: subscription && {
        plan: subscription.plan,
        status: subscription.status,
        trialEndsAt: subscription.trialEndsAt,
        currentPeriodEnd: subscription.currentPeriodEnd,
        cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
        hasStripeCustomer: subscription.stripeCustomerId !== null,
      },
      planLimits: limits.get(plan) ?? null,
      freeLimits: limits.get(FREE_PLAN) ?? null,
    };
  }
}
