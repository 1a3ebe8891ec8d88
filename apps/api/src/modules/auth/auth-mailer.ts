import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config.js';
import { passwordReset, verifyEmail } from '../../core/mail/mail-templates.js';
import { MailService } from '../../core/mail/mail.service.js';
import type { OutboundMail } from '../../core/mail/mail-transport.js';
import type { UserEntity } from '../users/user.entity.js';

/**
 * The emails of sign-up and recovery. A delivery failure is logged and never undoes the
 * sign-up or request that caused it: the user can ask for another link.
 */
@Injectable()
export class AuthMailer {
  private readonly logger = new Logger(AuthMailer.name);

  constructor(
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  verifyEmail(user: Pick<UserEntity, 'email' | 'name'>, token: string): Promise<void> {
    const link = this.link('/verify-email', token);
    return this.deliver({ to: user.email, tag: 'verify_email', ...verifyEmail({ name: user.name, link }) });
  }

  passwordReset(user: Pick<UserEntity, 'email' | 'name'>, token: string, expiresMinutes: number): Promise<void> {
    const link = this.link('/reset-password', token);
    return this.deliver({ to: user.email, tag: 'password_reset', ...passwordReset({ name: user.name, link, expiresMinutes }) });
  }

  private link(path: string, token: string): string {
    const url = new URL(path, this.config.env.APP_URL);
    url.searchParams.set('token', token);
    return url.toString();
  }

  private async deliver(message: OutboundMail): Promise<void> {
    try {
      await this.mail.send(message);
    } catch (error) {
      this.logger.warn({ tag: message.tag, err: (error as Error).message }, 'Email not sent; the user can request it again');
    }
  }
}
