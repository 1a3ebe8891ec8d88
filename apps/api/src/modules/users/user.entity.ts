import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OnboardingRole, Role } from '@resolutionflow/contracts';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash!: string | null;

  @Column('text')
  role!: Role;

  @Column('boolean', { name: 'super_admin', default: false })
  superAdmin!: boolean;

  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column('smallint', { name: 'onboarding_step_completed', nullable: true })
  onboardingStepCompleted!: number | null;

  @Column('boolean', { name: 'onboarding_dismissed', default: false })
  onboardingDismissed!: boolean;

  /** What the person told the welcome wizard they do (step 1). */
  @Column('text', { name: 'job_role', nullable: true })
  jobRole!: OnboardingRole | null;

  @Column('text', { name: 'google_subject', nullable: true })
  googleSubject!: string | null;

  @Column('text', { name: 'microsoft_subject', nullable: true })
  microsoftSubject!: string | null;

  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
