import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FixSource, FixStatus } from '@resolutionflow/contracts';

@Entity('suggested_fixes')
export class SuggestedFixEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid', { name: 'session_id' })
  sessionId!: string;

  @Column('text')
  title!: string;

  @Column('text')
  description!: string;

  @Column('text')
  status!: FixStatus;

  @Column('text')
  source!: FixSource;

  @Column('text', { name: 'pending_reason', nullable: true })
  pendingReason!: string | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('text', { name: 'draft_script', nullable: true })
  draftScript!: string | null;

  @Column('jsonb', { name: 'draft_parameters', nullable: true })
  draftParameters!: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'applied_at', nullable: true })
  appliedAt!: Date | null;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt!: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
