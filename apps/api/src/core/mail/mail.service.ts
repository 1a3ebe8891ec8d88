import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { MailDeliveryError } from './mail-delivery-error.js';
import { MAIL_TRANSPORT, type MailReceipt, type MailTransport, type OutboundMail } from './mail-transport.js';

/** The one way the API sends email. Delivery failures surface as MailDeliveryError; callers decide whether to retry. */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  async send(message: OutboundMail): Promise<MailReceipt> {
    try {
      return await this.transport.deliver({ ...message, from: this.config.env.MAIL_FROM });
    } catch (error) {
      const failure = MailDeliveryError.from(error);
      // The domain is enough to spot a bad provider or a typo'd address; the full address stays out of logs.
      this.logger[failure.retryable ? 'warn' : 'error'](
        {
          tag: message.tag,
          recipientDomain: recipientDomain(message.to),
          transport: this.transport.kind,
          code: failure.code,
          responseCode: failure.responseCode,
          retryable: failure.retryable,
        },
        'Mail delivery failed',
      );
      throw failure;
    }
  }
}

function recipientDomain(address: string): string {
  return /@([^@\s<>]+)>?\s*$/.exec(address)?.[1]?.toLowerCase() ?? 'unknown';
}
