import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { BillingInterval } from '@resolutionflow/contracts';

/** How a plan is sold (platform table): its Stripe price and what the pricing page shows. */
@Entity('plan_billing')
export class PlanBillingEntity {
  @PrimaryColumn('text')
  plan!: string;

  @Column('text', { name: 'stripe_product_id', nullable: true })
  stripeProductId!: string | null;

  @Column('text', { name: 'stripe_price_id', nullable: true })
  stripePriceId!: string | null;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('integer', { name: 'price_cents' })
  priceCents!: number;

  @Column('text')
  currency!: string;

  @Column('text')
  interval!: BillingInterval;

  @Column('boolean')
  public!: boolean;

  @Column('boolean')
  archived!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
