import { Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AccountInvitesRepository } from './invites/account-invites.repository.js';
import { AccountInvitesService } from './invites/account-invites.service.js';

@Module({
  providers: [AccountsRepository, AccountsService, AccountInvitesRepository, AccountInvitesService, ApiKeysRepository, ApiKeysService],
  exports: [AccountsService, AccountInvitesService, ApiKeysService],
})
export class AccountsModule {}
