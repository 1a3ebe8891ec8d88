import { Module } from '@nestjs/common';
import { AccountIntegrationsController } from './integrations/account-integrations.controller.js';
import { AccountIntegrationsRepository } from './integrations/account-integrations.repository.js';
import { AccountIntegrationsService } from './integrations/account-integrations.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** In-app notifications and the account's chat integrations (Slack, Teams). */
@Module({
  controllers: [NotificationsController, AccountIntegrationsController],
  providers: [NotificationsRepository, NotificationsService, AccountIntegrationsRepository, AccountIntegrationsService],
  exports: [NotificationsService, AccountIntegrationsService],
})
export class NotificationsModule {}
