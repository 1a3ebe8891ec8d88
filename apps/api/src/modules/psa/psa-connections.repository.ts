import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { PsaConnectionEntity } from './psa-connection.entity.js';

/** The encryption context of an account's private key: a key copied into another account's row will not open. */
export const psaPrivateKeyContext = (accountId: string) => `psa_connections.private_key:${accountId}`;

/** A connection's sealed private key, as key rotation reads and rewrites it. */
export interface SealedPrivateKey {
  accountId: string;
  privateKeyEncrypted: string;
}

/** The settings a save replaces; the key is handled separately because a save may keep it. */
export interface PsaConnectionSettings {
  siteUrl: string;
  companyId: string;
  publicKey: string;
  clientId: string;
  defaultBoardId: number | null;
  defaultStatusId: number | null;
  defaultCompanyIdentifier: string | null;
}

const SETTINGS_COLUMNS = `site_url = $2, company_id = $3, public_key = $4, client_id = $5,
  default_board_id = $6, default_status_id = $7, default_company_identifier = $8`;
// New settings make the last test meaningless, so it is cleared with every save.
const RESET_TEST = `last_tested_at = null, last_test_ok = null, last_test_message = null, updated_at = now()`;

function settingsParams(accountId: string, s: PsaConnectionSettings): unknown[] {
  return [accountId, s.siteUrl, s.companyId, s.publicKey, s.clientId, s.defaultBoardId, s.defaultStatusId, s.defaultCompanyIdentifier];
}

/** Every query on `psa_connections`, always inside a tenant transaction (row-level security underneath). */
@Injectable()
export class PsaConnectionsRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  /** The connection of `accountId`, read in `manager`'s transaction (which must be bound to that account). */
  findForAccount(manager: EntityManager, accountId: string): Promise<PsaConnectionEntity | null> {
    return manager.findOne(PsaConnectionEntity, { where: { accountId } });
  }

  findCurrent(): Promise<PsaConnectionEntity | null> {
    return this.findForAccount(this.tenant.manager(), this.requireAccount());
  }

  /** Creates or replaces the connection, with a new private key. */
  async upsert(settings: PsaConnectionSettings, privateKeyEncrypted: string): Promise<void> {
    await this.tenant.manager().query(
      `insert into psa_connections (account_id, site_url, company_id, public_key, client_id,
                                    default_board_id, default_status_id, default_company_identifier, private_key_encrypted)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (account_id) do update set ${SETTINGS_COLUMNS}, private_key_encrypted = $9, ${RESET_TEST}`,
      [...settingsParams(this.requireAccount(), settings), privateKeyEncrypted],
    );
  }

  /** Replaces the settings of an existing connection, keeping its private key; false when there is none. */
  async updateKeepingKey(settings: PsaConnectionSettings): Promise<boolean> {
    const rows = await queryRows<{ account_id: string }>(
      this.tenant.manager(),
      `update psa_connections set ${SETTINGS_COLUMNS}, ${RESET_TEST} where account_id = $1 returning account_id`,
      settingsParams(this.requireAccount(), settings),
    );
    return rows.length > 0;
  }

  async recordTest(ok: boolean, message: string, testedAt: Date): Promise<void> {
    // A test is not a settings change: updated_at stays as it was.
    await this.tenant.manager().query(
      `update psa_connections set last_tested_at = $2, last_test_ok = $3, last_test_message = $4 where account_id = $1`,
      [this.requireAccount(), testedAt, ok, message.slice(0, 500)],
    );
  }

  /** False when there was nothing to remove. */
  async remove(): Promise<boolean> {
    const result = await this.tenant.manager().delete(PsaConnectionEntity, { accountId: this.requireAccount() });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Key rotation, across accounts on the owner connection: the next `limit` connections after
   * `afterAccountId`, locked until `manager`'s transaction ends so no save slips in between.
   */
  lockSealedPage(manager: EntityManager, afterAccountId: string, limit: number): Promise<SealedPrivateKey[]> {
    return queryRows<SealedPrivateKey>(
      manager,
      `select account_id as "accountId", private_key_encrypted as "privateKeyEncrypted" from psa_connections
       where account_id > $1 order by account_id limit $2 for update`,
      [afterAccountId, limit],
    );
  }

  /** Stores re-sealed private keys in one statement; the settings did not change, so updated_at stays. */
  async replaceSealed(manager: EntityManager, rows: SealedPrivateKey[]): Promise<void> {
    await manager.query(
      `update psa_connections p set private_key_encrypted = r.sealed
       from unnest($1::uuid[], $2::text[]) as r(account_id, sealed) where p.account_id = r.account_id`,
      [rows.map((r) => r.accountId), rows.map((r) => r.privateKeyEncrypted)],
    );
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This PSA connection query needs a tenant transaction');
    return accountId;
  }
}
