import { Injectable } from '@nestjs/common';
import type { EscalationQueueItem } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config.js';
import { MailOutbox } from '../../core/mail/mail-outbox.js';
import { escalationNotification } from '../../core/mail/mail-templates.js';
import { AccountIntegrationsService } from '../notifications/integrations/account-integrations.service.js';
import { escalationTitle, pickupLink } from '../notifications/notification-title.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Responder } from '../users/users.repository.js';

export interface EscalationNotice {
  accountId: string;
  sessionId: string;
  handoffId: string;
  escalatorName: string;
  problemSummary: string;
  psaTicketId: string | null;
  reason: string;
}

/**
 * Everything that tells people about an escalation, written inside the escalation's transaction:
 * in-app notifications (announced live at commit) and durable jobs for email and chat, which run
 * only once the escalation has committed and never undo it when they fail.
 */
@Injectable()
export class HandoffFanout {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly integrations: AccountIntegrationsService,
    private readonly mail: MailOutbox,
    private readonly config: AppConfig,
  ) {}

  async announce(manager: EntityManager, notice: EscalationNotice, recipients: Responder[], options: { realert?: boolean } = {}): Promise<void> {
    const title = escalationTitle({ escalatorName: notice.escalatorName, ticketId: notice.psaTicketId, problemSummary: notice.problemSummary });
    const link = pickupLink(notice.sessionId);
    const type = options.realert ? 'escalation_realert' : 'escalation';
    await this.notifications.notify(
      manager,
      notice.accountId,
      recipients.map((r) => r.id),
      { type, title, link, data: { sessionId: notice.sessionId, handoffId: notice.handoffId } },
    );

    const absolute = new URL(link, this.config.env.APP_URL).toString();
    if (await this.integrations.emailEnabled(notice.accountId, manager)) {
      for (const person of recipients.filter((r) => r.emailNotifications)) {
        await this.mail.enqueue(
          {
            to: person.email,
            tag: type,
            ...escalationNotification({ name: person.name, title, reason: notice.reason, link: absolute, realert: options.realert }),
          },
          { accountId: notice.accountId, manager },
        );
      }
    }
    await this.integrations.enqueueToAll(manager, notice.accountId, type, {
      title: options.realert ? `Still waiting: ${title}` : title,
      lines: [`Why: ${notice.reason}`],
      action: { label: 'Pick it up', url: absolute },
    });
  }
}

export function noticeFromQueueItem(accountId: string, item: EscalationQueueItem): EscalationNotice {
  return {
    accountId,
    sessionId: item.sessionId,
    handoffId: item.handoffId!,
    escalatorName: item.escalatedBy.name,
    problemSummary: item.problemSummary,
    psaTicketId: item.psaTicketId,
    reason: item.reason ?? '',
  };
}
