import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What a plan allows (platform table). A null limit means unlimited. */
@Entity('plan_limits')
export class PlanLimitsEntity {
  @PrimaryColumn('text')
  plan!: string;

  @Column('integer', { nullable: true })
  seats!: number | null;

  @Column('integer', { name: 'monthly_sessions', nullable: true })
  monthlySessions!: number | null;

  @Column('integer', { name: 'standalone_script_sessions', nullable: true })
  standaloneScriptSessions!: number | null;

  @Column('boolean', { name: 'pro_features' })
  proFeatures!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
