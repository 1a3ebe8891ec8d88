import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EmailVerifiedGuard, RolesGuard } from '../../core/auth/access.guards.js';
import { PrincipalRateLimitGuard, RateLimitGuard } from '../../core/rate-limit/rate-limit.guard.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { BillingModule } from '../billing/billing.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessTokens } from './access-tokens.js';
import { AuthMailer } from './auth-mailer.js';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { PlatformInviteCodesController } from './invite-codes/platform-invite-codes.controller.js';
import { PlatformInviteCodesRepository } from './invite-codes/platform-invite-codes.repository.js';
import { PlatformInviteCodesService } from './invite-codes/platform-invite-codes.service.js';
import { MeRepository } from './me.repository.js';
import { OAuthProviders } from './oauth/oauth-providers.js';
import { OAuthSignIn } from './oauth/oauth-sign-in.service.js';
import { OAuthController } from './oauth/oauth.controller.js';
import { PasswordHasher } from './password-hasher.js';

/**
 * Sign-up, sign-in and tokens. It also installs the global guards, in the order they must run:
 * rate limits by address (before anything costly), authentication, rate limits per caller, roles,
 * email verification.
 */
@Module({
  imports: [UsersModule, AccountsModule, BillingModule],
  controllers: [AuthController, OAuthController, PlatformInviteCodesController],
  providers: [
    AccessTokens,
    AuthMailer,
    AuthTokensRepository,
    AuthService,
    MeRepository,
    OAuthProviders,
    OAuthSignIn,
    PasswordHasher,
    PlatformInviteCodesRepository,
    PlatformInviteCodesService,
    { provide: APP_GUARD, useExisting: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useExisting: PrincipalRateLimitGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: EmailVerifiedGuard },
  ],
  exports: [AuthService, AccessTokens, PasswordHasher, PlatformInviteCodesRepository],
})
export class AuthModule {}
