import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `unmatched`: no account could be tied to the event safely. */
export type StripeEventOutcome = 'applied' | 'stale' | 'unhandled' | 'unmatched';

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

  @Column('timestamptz', { name: 'stripe_created_at' })
  stripeCreatedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
