import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../../../core/database/sql.js';
import { TenantDatabase } from '../../../core/database/tenant-database.js';

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
}
