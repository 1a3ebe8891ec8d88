import { Logger, type LoggerService } from '@nestjs/common';
import { resolve } from 'node:path';
import { ConfigError, type AppConfig } from '../config/app-config.js';
import { REPOSITORY_ROOT } from '../version.js';
import type { MailTransport } from './mail-transport.js';
import { OutboxMailTransport } from './outbox-mail-transport.js';
import { SmtpMailTransport } from './smtp-mail-transport.js';

/** SMTP when SMTP_URL is set; otherwise the `.eml` outbox in `<DATA_DIR>/mail`. Says once at boot which. */
export function createMailTransport(config: AppConfig, logger: Pick<LoggerService, 'log' | 'warn'> = new Logger('Mail')): MailTransport {
  const smtpUrl = config.env.SMTP_URL;
  if (smtpUrl) {
    const url = new URL(smtpUrl);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new ConfigError(['SMTP_URL: must be an smtp:// or smtps:// URL']);
    }
    logger.log({ transport: 'smtp', host: url.host }, 'Mail is sent through SMTP');
    return new SmtpMailTransport(smtpUrl);
  }
  const outbox = new OutboxMailTransport(resolve(REPOSITORY_ROOT, config.env.DATA_DIR, 'mail'));
  const where = { transport: 'outbox', dir: outbox.dir };
  if (config.isProduction) logger.warn(where, 'SMTP_URL is not set: mail is written to files and reaches nobody');
  else logger.log(where, 'SMTP_URL is not set: mail is written to the outbox folder');
  return outbox;
}
