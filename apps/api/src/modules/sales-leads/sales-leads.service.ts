import { Injectable, Logger } from '@nestjs/common';
import type { SalesLeadReceipt, salesLeadRequestSchema } from '@resolutionflow/contracts';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AppConfig } from '../../core/config/app-config.js';
import { MailOutbox } from '../../core/mail/mail-outbox.js';
import { salesLeadNotification } from '../../core/mail/mail-templates.js';
import { PostHogCapture } from './posthog-capture.js';
import type { SalesLeadEntity } from './sales-lead.entity.js';
import { mapSalesLeadReceipt } from './sales-lead.mapper.js';
import { SalesLeadsRepository } from './sales-leads.repository.js';

type SalesLeadInput = z.output<typeof salesLeadRequestSchema>;

export interface LeadClient {
  ip: string | null;
  userAgent: string | null;
}

const USER_AGENT_MAX = 512;

@Injectable()
export class SalesLeadsService {
  private readonly logger = new Logger('SalesLeads');

  constructor(
    private readonly leads: SalesLeadsRepository,
    private readonly outbox: MailOutbox,
    private readonly analytics: PostHogCapture,
    private readonly config: AppConfig,
  ) {}

  /**
   * Stores the lead, and in the same transaction queues the email to sales and the analytics
   * event: they exist exactly when the lead does, run only after it is committed, and an SMTP or
   * PostHog outage delays them without ever failing the visitor's request.
   */
  async submit(input: SalesLeadInput, client: LeadClient): Promise<SalesLeadReceipt> {
    const lead = await this.leads.transaction(async (manager) => {
      const lead = await this.leads.insert(
        {
          name: input.name,
          email: input.email,
          company: input.company,
          teamSize: input.teamSize ?? null,
          message: input.message || null,
          source: input.source,
          ip: client.ip,
          userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
        },
        manager,
      );
      await this.notifySales(lead, manager);
      await this.analytics.capture(submittedEvent(lead), { manager });
      return lead;
    });
    this.logger.log({ leadId: lead.id, source: lead.source }, 'Sales lead received');
    return mapSalesLeadReceipt(lead);
  }

  private async notifySales(lead: SalesLeadEntity, manager: EntityManager): Promise<void> {
    const recipient = this.config.env.SALES_LEAD_RECIPIENT_EMAIL;
    if (!recipient) {
      this.logger.warn({ leadId: lead.id }, 'SALES_LEAD_RECIPIENT_EMAIL is not set: no notification email for this lead');
      return;
    }
    const summary = {
      name: lead.name,
      email: lead.email,
      company: lead.company,
      teamSize: lead.teamSize ?? undefined,
      message: lead.message ?? undefined,
      source: lead.source,
    };
    // Replying to the notification answers the lead directly.
    await this.outbox.enqueue({ to: recipient, replyTo: lead.email, tag: 'sales_lead', ...salesLeadNotification(summary) }, { manager });
  }
}

/** The analytics event: keyed by a hash of the email so the same person is one profile, without sending the address. */
function submittedEvent(lead: SalesLeadEntity) {
  return {
    event: 'sales_lead_submitted',
    distinctId: createHash('sha256').update(lead.email).digest('hex'),
    properties: { lead_id: lead.id, source: lead.source, team_size: lead.teamSize, has_message: lead.message !== null },
    timestamp: lead.createdAt.toISOString(),
  };
}
