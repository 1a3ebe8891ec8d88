import { AuditEventEntity } from './core/audit/audit-event.entity.js';
import { AccountEntity } from './modules/accounts/account.entity.js';
import { ApiKeyEntity } from './modules/accounts/api-keys/api-key.entity.js';
import { AccountInviteEntity } from './modules/accounts/invites/account-invite.entity.js';
import { PlatformInviteCodeEntity } from './modules/auth/invite-codes/platform-invite-code.entity.js';
import { OneTimeTokenEntity } from './modules/auth/one-time-token.entity.js';
import { RefreshTokenEntity } from './modules/auth/refresh-token.entity.js';
import { PlanBillingEntity } from './modules/billing/plan-billing.entity.js';
import { PlanLimitsEntity } from './modules/billing/plan-limits.entity.js';
import { StripeEventEntity } from './modules/billing/stripe-event.entity.js';
import { SubscriptionEntity } from './modules/billing/subscription.entity.js';
import { AccountOnboardingEntity } from './modules/onboarding/account-onboarding.entity.js';
import { PsaConnectionEntity } from './modules/psa/psa-connection.entity.js';
import { SalesLeadEntity } from './modules/sales-leads/sales-lead.entity.js';
import { ScriptBuilderSessionEntity } from './modules/script-builder/script-builder-session.entity.js';
import { AiSessionEntity } from './modules/sessions/ai-session.entity.js';
import { SessionStepEntity } from './modules/sessions/session-step.entity.js';
import { SuggestedFixEntity } from './modules/sessions/suggested-fix.entity.js';
import { NotificationEntity } from './modules/notifications/notification.entity.js';
import { UserEntity } from './modules/users/user.entity.js';

/** Every TypeORM entity of the API. A module that adds a table adds its entity here. */
export const ENTITIES: Function[] = [
  AccountEntity,
  AiSessionEntity,
  AccountInviteEntity,
  AccountOnboardingEntity,
  ApiKeyEntity,
  AuditEventEntity,
  OneTimeTokenEntity,
  PlatformInviteCodeEntity,
  PsaConnectionEntity,
  RefreshTokenEntity,
  SalesLeadEntity,
  ScriptBuilderSessionEntity,
  SessionStepEntity,
  SuggestedFixEntity,
  PlanBillingEntity,
  PlanLimitsEntity,
  StripeEventEntity,
  SubscriptionEntity,
  NotificationEntity,
  UserEntity,
];
