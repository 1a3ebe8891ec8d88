import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PsaProvider } from '@resolutionflow/contracts';

/** An account's one PSA connection. */
@Entity('psa_connections')
export class PsaConnectionEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text')
  provider!: PsaProvider;

  /** The ConnectWise API site, without the `/v4_6_release/apis/3.0` path. */
  @Column('text', { name: 'site_url' })
  siteUrl!: string;

  @Column('text', { name: 'company_id' })
  companyId!: string;

  @Column('text', { name: 'public_key' })
  publicKey!: string;

  /** A SecretBox envelope; open it only to call ConnectWise. */
  @Column('text', { name: 'private_key_encrypted' })
  privateKeyEncrypted!: string;

  @Column('text', { name: 'client_id' })
  clientId!: string;

  @Column('integer', { name: 'default_board_id', nullable: true })
  defaultBoardId!: number | null;

  @Column('integer', { name: 'default_status_id', nullable: true })
  defaultStatusId!: number | null;

  @Column('text', { name: 'default_company_identifier', nullable: true })
  defaultCompanyIdentifier!: string | null;

  @Column('timestamptz', { name: 'last_tested_at', nullable: true })
  lastTestedAt!: Date | null;

  @Column('boolean', { name: 'last_test_ok', nullable: true })
  lastTestOk!: boolean | null;

  @Column('text', { name: 'last_test_message', nullable: true })
  lastTestMessage!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
