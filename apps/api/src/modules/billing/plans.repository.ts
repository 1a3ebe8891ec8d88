import { Injectable } from '@nestjs/common';
import type { BillingInterval, PlanLimits } from '@resolutionflow/contracts';
import { In, type EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { queryRows } from '../../core/database/sql.js';
import { PlanBillingEntity } from './plan-billing.entity.js';
import { PlanLimitsEntity } from './plan-limits.entity.js';

export interface PlanWithBilling {
  limits: PlanLimitsEntity;
  billing: PlanBillingEntity | null;
}

/** The billing columns a super-admin may set; absent keys are left as they are. */
export interface BillingFields {
  displayName?: string;
  stripeProductId?: string | null;
  stripePriceId?: string | null;
  priceCents?: number;
  currency?: string;
  interval?: BillingInterval;
  public?: boolean;
  archived?: boolean;
}

const BILLING_COLUMNS: Record<keyof BillingFields, string> = {
  displayName: 'display_name',
  stripeProductId: 'stripe_product_id',
  stripePriceId: 'stripe_price_id',
  priceCents: 'price_cents',
  currency: 'currency',
  interval: 'interval',
  public: 'public',
  archived: 'archived',
};

/**
 * Plans are platform data, the same for every tenant: every query runs on the privileged
 * connection (the runtime role has no access to these tables).
 */
@Injectable()
export class PlansRepository {
  constructor(private readonly db: PrivilegedDatabase) {}

  /** What the pricing page lists: public, non-archived plans, cheapest first. */
  listOffered(): Promise<PlanWithBilling[]> {
    return this.joined('b.public AND NOT b.archived', 'b.price_cents, l.plan');
  }

  /** A plan that may be bought right now, or null. */
  async findOffered(plan: string): Promise<PlanWithBilling | null> {
    const [found] = await this.joined('b.public AND NOT b.archived AND l.plan = $1', 'l.plan', [plan]);
    return found ?? null;
  }

  /** Every plan with its billing data when it has any (the super-admin view). */
  listAll(manager: EntityManager = this.db.manager): Promise<PlanWithBilling[]> {
    return this.joined('true', 'l.plan', [], manager);
  }

  async findWithBilling(plan: string, manager: EntityManager = this.db.manager): Promise<PlanWithBilling | null> {
    const [found] = await this.joined('l.plan = $1', 'l.plan', [plan], manager);
    return found ?? null;
  }

  async limitsOf(plans: string[]): Promise<Map<string, PlanLimits>> {
    const rows = await this.db.manager.find(PlanLimitsEntity, { where: { plan: In(plans) } });
    return new Map(rows.map((row) => [row.plan, toLimits(row)]));
  }

  /** The plan sold at a Stripe price, for webhooks that only carry the price. */
  async planForPrice(priceId: string, manager: EntityManager): Promise<string | null> {
    const row = await manager.findOne(PlanBillingEntity, { where: { stripePriceId: priceId } });
    return row?.plan ?? null;
  }

  /** Answers false when the plan does not exist. */
  async updateLimits(plan: string, limits: PlanLimits, manager: EntityManager): Promise<boolean> {
    const rows = await queryRows<{ plan: string }>(
      manager,
      `update plan_limits
          set seats = $2, monthly_sessions = $3, standalone_script_sessions = $4, pro_features = $5, updated_at = now()
        where plan = $1
        returning plan`,
      [plan, limits.seats, limits.monthlySessions, limits.standaloneScriptSessions, limits.proFeatures],
    );
    return rows.length === 1;
  }

  /**
   * Creates the plan's billing row from `fields` over `defaults`, or updates only the given fields
   * of an existing one. Runs in the caller's transaction, after the plan row is locked by its update.
   */
  async upsertBilling(plan: string, fields: BillingFields, defaults: Required<Pick<BillingFields, 'displayName'>>, manager: EntityManager): Promise<void> {
    const given = (Object.keys(BILLING_COLUMNS) as (keyof BillingFields)[]).filter((key) => fields[key] !== undefined);
    const insert = { ...defaults, ...fields };
    const insertKeys = (Object.keys(BILLING_COLUMNS) as (keyof BillingFields)[]).filter((key) => insert[key] !== undefined);
    const columns = insertKeys.map((key) => BILLING_COLUMNS[key]);
    const updates = given.map((key) => `${BILLING_COLUMNS[key]} = excluded.${BILLING_COLUMNS[key]}`);
    await manager.query(
      `insert into plan_billing (plan, ${columns.join(', ')})
       values ($1, ${insertKeys.map((_, i) => `$${i + 2}`).join(', ')})
       on conflict (plan) do update set ${[...updates, 'updated_at = now()'].join(', ')}`,
      [plan, ...insertKeys.map((key) => insert[key])],
    );
  }

  /** `where` and `orderBy` are fixed SQL fragments of this file, never caller input. */
  private async joined(where: string, orderBy: string, params: unknown[] = [], manager: EntityManager = this.db.manager): Promise<PlanWithBilling[]> {
    const found = await queryRows<JoinedRow>(
      manager,
      `select l.plan, l.seats, l.monthly_sessions, l.standalone_script_sessions, l.pro_features, l.created_at, l.updated_at,
              b.plan as b_plan, b.stripe_product_id, b.stripe_price_id, b.display_name, b.price_cents, b.currency,
              b.interval, b.public, b.archived, b.created_at as b_created_at, b.updated_at as b_updated_at
         from plan_limits l
         left join plan_billing b on b.plan = l.plan
        where ${where}
        order by ${orderBy}`,
      params,
    );
    return found.map(fromJoinedRow);
  }
}

interface JoinedRow {
  plan: string;
  seats: number | null;
  monthly_sessions: number | null;
  standalone_script_sessions: number | null;
  pro_features: boolean;
  created_at: Date;
  updated_at: Date;
  b_plan: string | null;
  stripe_product_id: string | null;
  stripe_price_id: string | null;
  display_name: string;
  price_cents: number;
  currency: string;
  interval: BillingInterval;
  public: boolean;
  archived: boolean;
  b_created_at: Date;
  b_updated_at: Date;
}

function fromJoinedRow(row: JoinedRow): PlanWithBilling {
  const limits = Object.assign(new PlanLimitsEntity(), {
    plan: row.plan,
    seats: row.seats,
    monthlySessions: row.monthly_sessions,
    standaloneScriptSessions: row.standalone_script_sessions,
    proFeatures: row.pro_features,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const billing =
    row.b_plan === null
      ? null
      : Object.assign(new PlanBillingEntity(), {
          plan: row.b_plan,
          stripeProductId: row.stripe_product_id,
          stripePriceId: row.stripe_price_id,
          displayName: row.display_name,
          priceCents: row.price_cents,
          currency: row.currency,
          interval: row.interval,
          public: row.public,
          archived: row.archived,
          createdAt: row.b_created_at,
          updatedAt: row.b_updated_at,
        });
  return { limits, billing };
}

export function toLimits(row: Pick<PlanLimitsEntity, 'seats' | 'monthlySessions' | 'standaloneScriptSessions' | 'proFeatures'>): PlanLimits {
  return {
    seats: row.seats,
    monthlySessions: row.monthlySessions,
    standaloneScriptSessions: row.standaloneScriptSessions,
    proFeatures: row.proFeatures,
  };
}
