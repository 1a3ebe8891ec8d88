import { Injectable, OnModuleInit } from '@nestjs/common';
import type { AccountIntegrations, ChatChannel, IntegrationTestResult, UpdateAccountIntegrations } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../../core/config/app-config.js';
import { TenantDatabase } from '../../../core/database/tenant-database.js';
import { AppError } from '../../../core/errors/app-error.js';
import { JobQueue } from '../../../core/jobs/job-queue.js';
import { PermanentJobError } from '../../../core/jobs/job.types.js';
import { SecretBox } from '../../../core/security/secret-box.js';
import { payloadFor, type ChatMessage } from './chat-messages.js';
import { postToWebhook, WebhookDeliveryError } from './chat-webhook.client.js';
import { AccountIntegrationsRepository, webhookUrlContext, type IntegrationRow } from './account-integrations.repository.js';
import { webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url-policy.js';

export const CHAT_QUEUE = 'chat.send';

interface ChatJob {
  accountId: string;
  channel: ChatChannel;
  purpose: string;
  message: ChatMessage;
}

const COLUMN: Record<ChatChannel, 'slackWebhookUrlEncrypted' | 'teamsWebhookUrlEncrypted'> = {
  slack: 'slackWebhookUrlEncrypted',
  teams: 'teamsWebhookUrlEncrypted',
};

const TEST_MESSAGE: ChatMessage = { title: 'ResolutionFlow is connected', lines: ['Escalations from your team will appear here.'] };

/** Slack and Teams incoming webhooks of an account: stored encrypted, used through durable jobs. */
@Injectable()
export class AccountIntegrationsService implements OnModuleInit {
  constructor(
    private readonly integrations: AccountIntegrationsRepository,
    private readonly secrets: SecretBox,
    private readonly jobs: JobQueue,
    private readonly tenant: TenantDatabase,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<ChatJob>({
      queue: CHAT_QUEUE,
      maxAttempts: 8,
      handle: async (job) => {
        // The URL is read at send time, so a webhook changed or removed meanwhile is honoured.
        const url = await this.tenant.run(job.accountId, async (manager) => this.webhookUrl(job.accountId, job.channel, manager));
        if (!url) return;
        try {
          await this.send(url, job.channel, job.message);
        } catch (error) {
          if (!(error instanceof WebhookDeliveryError)) throw error;
          // The delivery record is the operator's, so it says what the network did, not just what the caller may see.
          const reason = error.detail ? `${error.message}: ${error.detail}` : error.message;
          throw error.retryable ? new Error(reason) : new PermanentJobError(reason);
        }
      },
    });
  }

  async get(accountId: string): Promise<AccountIntegrations> {
    return this.describe(accountId, await this.integrations.find(accountId));
  }

  async update(accountId: string, input: UpdateAccountIntegrations): Promise<AccountIntegrations> {
    for (const [field, url] of [['slackWebhookUrl', input.slackWebhookUrl], ['teamsWebhookUrl', input.teamsWebhookUrl]] as const) {
      const problem = url ? webhookUrlProblem(url, this.policy) : undefined;
      if (problem) throw new AppError(422, problem.code, problem.message, { fields: { [field]: [problem.message] } });
    }
    const row = await this.integrations.upsert(accountId, {
      slackWebhookUrlEncrypted: this.sealOrClear(accountId, 'slack', input.slackWebhookUrl),
      teamsWebhookUrlEncrypted: this.sealOrClear(accountId, 'teams', input.teamsWebhookUrl),
      emailEnabled: input.emailEnabled,
    });
    return this.describe(accountId, row);
  }

  /**
   * Sends a test message now and reports how it went; a failure is an answer, not an error. Runs
   * outside the request transaction: the URL is read in a short one, so a slow webhook holds no connection.
   */
  async test(accountId: string, channel: ChatChannel): Promise<IntegrationTestResult> {
    const url = await this.tenant.run(accountId, (manager) => this.webhookUrl(accountId, channel, manager));
    if (!url) throw new AppError(409, 'integration_not_configured', `No ${channel === 'slack' ? 'Slack' : 'Teams'} webhook is set`);
    try {
      await this.send(url, channel, TEST_MESSAGE);
      return { ok: true, message: 'Test message sent' };
    } catch (error) {
      if (!(error instanceof WebhookDeliveryError)) throw error;
      return { ok: false, message: error.message };
    }
  }

  /** Queues `message` to every chat channel the account has set, inside `manager`'s transaction. */
  async enqueueToAll(manager: EntityManager, accountId: string, purpose: string, message: ChatMessage): Promise<ChatChannel[]> {
    const row = await this.integrations.find(accountId, manager);
    const channels = (['slack', 'teams'] as const).filter((channel) => row?.[COLUMN[channel]]);
    for (const channel of channels) {
      await this.jobs.enqueue<ChatJob>(CHAT_QUEUE, { accountId, channel, purpose, message }, {
        manager,
        accountId,
        delivery: { channel, purpose, target: this.hostOf(accountId, channel, row!) ?? channel },
      });
    }
    return channels;
  }

  /** Whether the account sends escalation email at all (each person's preference applies on top). */
  async emailEnabled(accountId: string, manager?: EntityManager): Promise<boolean> {
    return (await this.integrations.find(accountId, manager))?.emailEnabled ?? true;
  }

  private get policy(): WebhookUrlPolicy {
    return { production: this.config.isProduction, allowedHosts: this.config.env.CHAT_WEBHOOK_HOSTS };
  }

  /** Posts `message` to `url`; a URL the rules no longer allow (saved before they changed) is refused, never used. */
  private async send(url: string, channel: ChatChannel, message: ChatMessage): Promise<void> {
    const problem = webhookUrlProblem(url, this.policy);
    if (problem) throw new WebhookDeliveryError(problem.message, false);
    await postToWebhook(url, payloadFor(channel, message), { publicOnly: this.config.isProduction });
  }

  private async webhookUrl(accountId: string, channel: ChatChannel, manager?: EntityManager): Promise<string | null> {
    const sealed = (await this.integrations.find(accountId, manager))?.[COLUMN[channel]];
    return sealed ? this.secrets.open(sealed, webhookUrlContext(accountId, channel)) : null;
  }

  private sealOrClear(accountId: string, channel: ChatChannel, url: string | null | undefined): string | null | undefined {
    if (url === undefined || url === null) return url;
    return this.secrets.seal(url, webhookUrlContext(accountId, channel));
  }

  private describe(accountId: string, row: IntegrationRow | null): AccountIntegrations {
    return {
      slackConfigured: Boolean(row?.slackWebhookUrlEncrypted),
      slackWebhookHost: row ? this.hostOf(accountId, 'slack', row) : null,
      teamsConfigured: Boolean(row?.teamsWebhookUrlEncrypted),
      teamsWebhookHost: row ? this.hostOf(accountId, 'teams', row) : null,
      emailEnabled: row?.emailEnabled ?? true,
    };
  }

  private hostOf(accountId: string, channel: ChatChannel, row: IntegrationRow): string | null {
    const sealed = row[COLUMN[channel]];
    return sealed ? new URL(this.secrets.open(sealed, webhookUrlContext(accountId, channel))).host : null;
  }
}
