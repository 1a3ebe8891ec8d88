import { createTransport, type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { toNodemailerMessage, type ComposedMail, type MailReceipt, type MailTransport } from './mail-transport.js';

/** A hung or silent server fails the send within about ten seconds instead of holding a request or job. */
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 10_000, dnsTimeout: 10_000 };

const CODELESS_DISCONNECTS = new Set(['Unexpected socket close', 'Connection closed']);

/**
 * Sends through the SMTP server of SMTP_URL (`smtp://` with STARTTLS when offered, `smtps://` for
 * implicit TLS; nodemailer's URL query options still apply). One connection per message, so a
 * restarted server is simply reached again on the next send.
 */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(smtpUrl: string) {
    this.transporter = createTransport(new SMTPTransport({ url: smtpUrl, ...TIMEOUTS_MS }));
  }

  async deliver(mail: ComposedMail): Promise<MailReceipt> {
    try {
      const info = await this.transporter.sendMail(toNodemailerMessage(mail));
      return { transport: 'smtp', messageId: info.messageId };
    } catch (error) {
      // nodemailer reports a server dropping the connection mid-send without a code; without one it
      // would count as permanent and the mail would be lost to a mere disconnect.
      if (error instanceof Error && !(error as { code?: unknown }).code && CODELESS_DISCONNECTS.has(error.message)) {
        throw Object.assign(error, { code: 'ECONNECTION' });
      }
      throw error;
    }
  }
}
