import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `unmatched`: no account could be tied to the event safely. `duplicate_subscription`: the event is
 * about a second live subscription of an account whose linked one still bills; it was not applied.
 */
export type StripeEventOutcome = 'applied' | 'stale' | 'unhandled' | 'unmatched' | 'duplicate_subscription';

/** One Stripe webhook event, recorded in the transaction that applied it so it is applied at most once. */
@Entity('stripe_events')
export class StripeEventEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  type!: string;

  @Column('uuid', { name: 'account_id', nullable: true })
  accountId!: string | null;

  @Column('text')
  outcome!: StripeEventOutcome;

  /** The Stripe subscription the event is about, when it names one. */
  @Column('text', { name: 'stripe_subscription_id', nullable: true })
  stripeSubscriptionId!: string | null;

  @Column('timestamptz', { name: 'stripe_created_at' })
  stripeCreatedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
