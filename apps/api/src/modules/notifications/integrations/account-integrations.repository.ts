import { Injectable } from '@nestjs/common';
import type { ChatChannel } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../../../core/database/sql.js';
import { TenantDatabase } from '../../../core/database/tenant-database.js';

/** The encryption context of an account's webhook URL, so a value only opens in its own row and column. */
export const webhookUrlContext = (accountId: string, channel: ChatChannel) => `account_integrations.${channel}:${accountId}`;

/** An account's sealed webhook URLs, as key rotation reads and rewrites them. */
export interface SealedWebhookUrls {
  accountId: string;
  slackWebhookUrlEncrypted: string | null;
  teamsWebhookUrlEncrypted: string | null;
}

export interface IntegrationRow {
  slackWebhookUrlEncrypted: string | null;
  teamsWebhookUrlEncrypted: string | null;
  emailEnabled: boolean;
}

const COLUMNS = `slack_webhook_url_encrypted as "slackWebhookUrlEncrypted", teams_webhook_url_encrypted as "teamsWebhookUrlEncrypted", email_enabled as "emailEnabled"`;

/** Every query on `account_integrations`, inside a tenant transaction. */
@Injectable()
export class AccountIntegrationsRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  async find(accountId: string, manager: EntityManager = this.tenant.manager()): Promise<IntegrationRow | null> {
    const [row] = await queryRows<IntegrationRow>(manager, `select ${COLUMNS} from account_integrations where account_id = $1`, [accountId]);
    return row ?? null;
  }

  /** `undefined` leaves a column as it is; `null` clears it. */
  async upsert(accountId: string, patch: Partial<IntegrationRow>): Promise<IntegrationRow> {
    const [row] = await queryRows<IntegrationRow>(
      this.tenant.manager(),
      `insert into account_integrations as i (account_id, slack_webhook_url_encrypted, teams_webhook_url_encrypted, email_enabled)
       values ($1, $3, $5, coalesce($6, true))
       on conflict (account_id) do update set
         slack_webhook_url_encrypted = case when $2 then excluded.slack_webhook_url_encrypted else i.slack_webhook_url_encrypted end,
         teams_webhook_url_encrypted = case when $4 then excluded.teams_webhook_url_encrypted else i.teams_webhook_url_encrypted end,
         email_enabled = coalesce($6, i.email_enabled),
         updated_at = now()
       returning ${COLUMNS}`,
      [
        accountId,
        patch.slackWebhookUrlEncrypted !== undefined,
        patch.slackWebhookUrlEncrypted ?? null,
        patch.teamsWebhookUrlEncrypted !== undefined,
        patch.teamsWebhookUrlEncrypted ?? null,
        patch.emailEnabled ?? null,
      ],
    );
    return row!;
  }

  /**
   * Key rotation, across accounts on the owner connection: the next `limit` rows with a webhook
   * after `afterAccountId`, locked until `manager`'s transaction ends so no save slips in between.
   */
  lockSealedPage(manager: EntityManager, afterAccountId: string, limit: number): Promise<SealedWebhookUrls[]> {
    return queryRows<SealedWebhookUrls>(
      manager,
      `select account_id as "accountId",
              slack_webhook_url_encrypted as "slackWebhookUrlEncrypted", teams_webhook_url_encrypted as "teamsWebhookUrlEncrypted"
       from account_integrations
       where account_id > $1 and (slack_webhook_url_encrypted is not null or teams_webhook_url_encrypted is not null)
       order by account_id limit $2 for update`,
      [afterAccountId, limit],
    );
  }

  /** Stores re-sealed webhook URLs in one statement; the settings did not change, so updated_at stays. */
  async replaceSealed(manager: EntityManager, rows: SealedWebhookUrls[]): Promise<void> {
    await manager.query(
      `update account_integrations i set slack_webhook_url_encrypted = r.slack, teams_webhook_url_encrypted = r.teams
       from unnest($1::uuid[], $2::text[], $3::text[]) as r(account_id, slack, teams) where i.account_id = r.account_id`,
      [rows.map((r) => r.accountId), rows.map((r) => r.slackWebhookUrlEncrypted), rows.map((r) => r.teamsWebhookUrlEncrypted)],
    );
  }
}
