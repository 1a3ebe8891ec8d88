import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { createMailTransport } from './create-mail-transport.js';
import { MAIL_TRANSPORT } from './mail-transport.js';
import { MailOutbox } from './mail-outbox.js';
import { MailService } from './mail.service.js';

/** Outbound email for every module: inject MailOutbox (durable, retried); MailService is the transport behind it. */
@Global()
@Module({
  providers: [
    { provide: MAIL_TRANSPORT, inject: [AppConfig], useFactory: (config: AppConfig) => createMailTransport(config) },
    MailService,
    MailOutbox,
  ],
  exports: [MailService, MailOutbox],
})
export class MailModule {}
