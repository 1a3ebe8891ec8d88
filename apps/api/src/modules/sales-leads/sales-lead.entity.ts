import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TeamSize } from '@resolutionflow/contracts';

/** A "talk to sales" request from the public site: platform data, not any account's. */
@Entity('sales_leads')
export class SalesLeadEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  email!: string;

  @Column('text')
  company!: string;

  @Column('text', { name: 'team_size', nullable: true })
  teamSize!: TeamSize | null;

  @Column('text', { nullable: true })
  message!: string | null;

  @Column('text')
  source!: string;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
