import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config.js';
import { MailOutbox } from '../../core/mail/mail-outbox.js';
import { passwordReset, verifyEmail } from '../../core/mail/mail-templates.js';
import type { UserEntity } from '../users/user.entity.js';

type Recipient = Pick<UserEntity, 'email' | 'name' | 'accountId'>;

/** The emails of sign-up and recovery, queued durably: an SMTP outage delays them, never the user. */
@Injectable()
export class AuthMailer {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly config: AppConfig,
  ) {}

  async verifyEmail(user: Recipient, token: string): Promise<void> {
    const link = this.link('/verify-email', token);
    await this.outbox.enqueue(
      { to: user.email, tag: 'verify_email', ...verifyEmail({ name: user.name, link }) },
      { accountId: user.accountId },
    );
  }

  async passwordReset(user: Recipient, token: string, expiresMinutes: number): Promise<void> {
    const link = this.link('/reset-password', token);
    await this.outbox.enqueue(
      { to: user.email, tag: 'password_reset', ...passwordReset({ name: user.name, link, expiresMinutes }) },
      { accountId: user.accountId },
    );
  }

  private link(path: string, token: string): string {
    const url = new URL(path, this.config.env.APP_URL);
    url.searchParams.set('token', token);
    return url.toString();
  }
}
