import { AuditEventEntity } from './core/audit/audit-event.entity.js';
import { AccountEntity } from './modules/accounts/account.entity.js';
import { ApiKeyEntity } from './modules/accounts/api-keys/api-key.entity.js';
import { AccountInviteEntity } from './modules/accounts/invites/account-invite.entity.js';
import { PlatformInviteCodeEntity } from './modules/auth/invite-codes/platform-invite-code.entity.js';
import { OneTimeTokenEntity } from './modules/auth/one-time-token.entity.js';
import { RefreshTokenEntity } from './modules/auth/refresh-token.entity.js';
import { SubscriptionEntity } from './modules/billing/subscription.entity.js';
import { UserEntity } from './modules/users/user.entity.js';

/** Every TypeORM entity of the API. A module that adds a table adds its entity here. */
export const ENTITIES: Function[] = [
  AccountEntity,
  AccountInviteEntity,
  ApiKeyEntity,
  AuditEventEntity,
  OneTimeTokenEntity,
  PlatformInviteCodeEntity,
  RefreshTokenEntity,
  SubscriptionEntity,
  UserEntity,
];
