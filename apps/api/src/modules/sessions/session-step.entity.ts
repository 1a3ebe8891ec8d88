import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StepRole } from '@resolutionflow/contracts';

@Entity('session_steps')
export class SessionStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid', { name: 'session_id' })
  sessionId!: string;

  @Column('integer')
  sequence!: number;

  @Column('text')
  role!: StepRole;

  @Column('uuid', { name: 'author_id', nullable: true })
  authorId!: string | null;

  @Column('text')
  content!: string;

  /** Set by the database default (clock time, so steps written in one transaction keep their order). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
