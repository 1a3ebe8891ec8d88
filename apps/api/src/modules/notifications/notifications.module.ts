import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { AccountIntegrationsController } from './integrations/account-integrations.controller.js';
import { AccountIntegrationsRepository } from './integrations/account-integrations.repository.js';
import { AccountIntegrationsService } from './integrations/account-integrations.service.js';
import { NotificationPreferencesController } from './notification-preferences.controller.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** In-app notifications and the account's chat integrations (Slack, Teams). */
@Module({
  imports: [UsersModule],
  controllers: [NotificationsController, NotificationPreferencesController, AccountIntegrationsController],
  providers: [NotificationsRepository, NotificationsService, AccountIntegrationsRepository, AccountIntegrationsService],
  exports: [NotificationsService, AccountIntegrationsService],
})
export class NotificationsModule {}
