import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.js';
import { PermanentJobError } from '../jobs/job.types.js';
import { MailDeliveryError } from './mail-delivery-error.js';
import type { OutboundMail } from './mail-transport.js';
import { MailService } from './mail.service.js';

export const MAIL_QUEUE = 'mail.send';

/**
 * How the product sends email: as a durable job with a delivery record, so an SMTP outage
 * delays mail instead of losing it or failing the user's action.
 */
@Injectable()
export class MailOutbox implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<OutboundMail>({
      queue: MAIL_QUEUE,
      maxAttempts: 10,
      handle: async (message) => {
        try {
          await this.mail.send(message);
        } catch (error) {
          if (error instanceof MailDeliveryError && !error.retryable) {
            throw new PermanentJobError(error.message, { cause: error });
          }
          throw error;
        }
      },
    });
  }

  /** Queues `message`; inside `manager`'s transaction when given, so it is sent only if that commits. */
  enqueue(message: OutboundMail, options: { accountId?: string | null; manager?: EntityManager } = {}): Promise<string> {
    return this.jobs.enqueue(MAIL_QUEUE, message, {
      accountId: options.accountId ?? null,
      manager: options.manager,
      delivery: { channel: 'email', purpose: message.tag, target: message.to },
    });
  }
}
