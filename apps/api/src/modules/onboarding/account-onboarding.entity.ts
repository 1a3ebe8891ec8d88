import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TeamSize } from '@resolutionflow/contracts';

/** The account-wide answers of the welcome wizard: one row per account, written by its owners and admins. */
@Entity('account_onboarding')
export class AccountOnboardingEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text', { name: 'team_size', nullable: true })
  teamSize!: TeamSize | null;

  /** The PSA the team means to connect (`connectwise`, `none`, `other`), null when not answered. */
  @Column('text', { nullable: true })
  psa!: string | null;

  /** Chat tools the team means to connect: `slack`, `teams`. */
  @Column('text', { array: true, default: () => `'{}'` })
  chat!: string[];

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
