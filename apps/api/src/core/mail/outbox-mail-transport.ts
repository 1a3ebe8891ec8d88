import { Logger, type LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport/index.js';
import { toNodemailerMessage, type ComposedMail, type MailReceipt, type MailTransport } from './mail-transport.js';

/**
 * Without an SMTP server, each message becomes an RFC 822 `.eml` file in one folder, openable by
 * any mail client. Files are private to the process owner: bodies carry sign-in and reset tokens.
 */
export class OutboxMailTransport implements MailTransport {
  readonly kind = 'outbox';
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;

  constructor(
    readonly dir: string,
    private readonly logger: Pick<LoggerService, 'log'> = new Logger('Mail'),
  ) {
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async deliver(mail: ComposedMail): Promise<MailReceipt> {
    const info = await this.composer.sendMail(toNodemailerMessage(mail));
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Timestamp first so a directory listing reads in sending order.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const path = join(this.dir, `${stamp}-${mail.tag.replace(/[^\w-]/g, '_')}-${randomUUID().slice(0, 8)}.eml`);
    await writeFile(path, info.message as Buffer, { mode: 0o600, flag: 'wx' });
    this.logger.log({ to: mail.to, subject: mail.subject, tag: mail.tag, path }, 'Mail written to the outbox');
    return { transport: 'outbox', messageId: info.messageId, path };
  }
}
