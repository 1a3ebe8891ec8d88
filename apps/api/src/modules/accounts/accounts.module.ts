import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AccountInviteLookupController } from './invites/account-invite-lookup.controller.js';
import { AccountInviteMailer } from './invites/account-invite-mailer.js';
import { AccountInvitesController } from './invites/account-invites.controller.js';
import { AccountInvitesRepository } from './invites/account-invites.repository.js';
import { AccountInvitesService } from './invites/account-invites.service.js';
import { MembersController } from './members/members.controller.js';
import { MembersService } from './members/members.service.js';
import { SeatLimit } from './seats/seat-limit.service.js';
import { SeatsRepository } from './seats/seats.repository.js';

/** The account and its team: invites, members (within the plan's seats) and API keys. */
@Module({
  imports: [UsersModule, BillingModule],
  controllers: [AccountInvitesController, AccountInviteLookupController, MembersController, ApiKeysController],
  providers: [
    AccountsRepository,
    AccountsService,
    AccountInviteMailer,
    AccountInvitesRepository,
    AccountInvitesService,
    ApiKeysRepository,
    ApiKeysService,
    MembersService,
    SeatsRepository,
    SeatLimit,
  ],
  exports: [AccountsService, AccountInvitesService, ApiKeysService],
})
export class AccountsModule {}
