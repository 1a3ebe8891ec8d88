import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SubscriptionStatus } from '@resolutionflow/contracts';

@Entity('subscriptions')
export class SubscriptionEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text')
  plan!: string;

  @Column('text')
  status!: SubscriptionStatus;

  @Column('timestamptz', { name: 'trial_ends_at', nullable: true })
  trialEndsAt!: Date | null;

  @Column('timestamptz', { name: 'current_period_end', nullable: true })
  currentPeriodEnd!: Date | null;

  @Column('text', { name: 'stripe_customer_id', nullable: true })
  stripeCustomerId!: string | null;

  @Column('text', { name: 'stripe_subscription_id', nullable: true })
  stripeSubscriptionId!: string | null;

  @Column('boolean', { name: 'cancel_at_period_end', default: false })
  cancelAtPeriodEnd!: boolean;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt!: Date;

  /**
   * Creation time of the newest `customer.subscription.*` event applied: only those carry the whole
   * subscription, so only they order one another; invoice and checkout events neither move nor pass it.
   */
  @Column('timestamptz', { name: 'stripe_subscription_event_at', nullable: true })
  subscriptionEventAt!: Date | null;

  /** The account's latest Checkout session, expired when another is started; cleared once it completes. */
  @Column('text', { name: 'stripe_checkout_session_id', nullable: true })
  stripeCheckoutSessionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
