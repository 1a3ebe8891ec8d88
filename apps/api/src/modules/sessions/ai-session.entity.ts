import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ConfidenceTier, EscalationPackage, SessionStatus } from '@resolutionflow/contracts';

@Entity('ai_sessions')
export class AiSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  @Column('text', { name: 'problem_summary' })
  problemSummary!: string;

  @Column('text', { name: 'psa_ticket_id', nullable: true })
  psaTicketId!: string | null;

  @Column('text')
  status!: SessionStatus;

  @Column('uuid', { name: 'escalated_to_id', nullable: true })
  escalatedToId!: string | null;

  @Column('text', { name: 'escalation_reason', nullable: true })
  escalationReason!: string | null;

  @Column('jsonb', { name: 'escalation_package', nullable: true })
  escalationPackage!: EscalationPackage | null;

  @Column('text', { name: 'resolution_note', nullable: true })
  resolutionNote!: string | null;

  @Column('integer', { name: 'state_version' })
  stateVersion!: number;

  @Column('integer', { name: 'step_count' })
  stepCount!: number;

  @Column('text', { name: 'confidence_tier', nullable: true })
  confidenceTier!: ConfidenceTier | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;
}
