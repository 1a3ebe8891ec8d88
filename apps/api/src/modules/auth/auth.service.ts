import { Injectable, Logger } from '@nestjs/common';
import type { LoginRequest, Me, RegisterRequest } from '@resolutionflow/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { verificationDeadline } from '../../core/auth/access.guards.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppConfig } from '../../core/config/app-config.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { OnDomainEvent, type DomainEventMap } from '../../core/events/domain-events.js';
import { AppError } from '../../core/errors/app-error.js';
import { digest, newSecret } from '../../core/security/secrets.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { AccountInvitesService, type InviteAdmission } from '../accounts/invites/account-invites.service.js';
import { BillingService } from '../billing/billing.service.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens, STREAM_TICKET_TTL_SECONDS } from './access-tokens.js';
import { AuthMailer } from './auth-mailer.js';
import { REFRESH_TTL_DAYS, type IssuedSession } from './auth-session.js';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { MeRepository, type MeRow } from './me.repository.js';
import { PlatformInviteCodesRepository } from './invite-codes/platform-invite-codes.repository.js';
import { PasswordHasher } from './password-hasher.js';

const VERIFY_EMAIL_TTL_HOURS = 72;
const RESET_PASSWORD_TTL_MINUTES = 60;
const OAUTH_EXCHANGE_TTL_SECONDS = 120;

export interface ProviderProfile {
  provider: 'google' | 'microsoft';
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface InviteIntent {
  accountInviteCode?: string;
}

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'The email or password is incorrect');
const invalidRefresh = () => new AppError(401, 'invalid_refresh_token', 'Sign in again');
const emailTaken = () => new AppError(409, 'email_already_registered', 'This email already has an account; sign in instead');

/** Sign-up, sign-in and the tokens that keep a session alive. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tenant: TenantDatabase,
    private readonly tokens: AuthTokensRepository,
    private readonly accessTokens: AccessTokens,
    private readonly passwords: PasswordHasher,
    private readonly inviteCodes: PlatformInviteCodesRepository,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly invites: AccountInvitesService,
    private readonly billing: BillingService,
    private readonly mailer: AuthMailer,
    private readonly meRows: MeRepository,
  ) {}

  async register(input: RegisterRequest & { email: string }): Promise<IssuedSession> {
    const passwordHash = await this.passwords.hash(input.password);
    const admission = input.accountInviteCode ? await this.invites.admission(input.accountInviteCode, input.email) : undefined;
    const user = await this.tokens
      .transaction(async (manager) => {
        await this.assertEmailFree(input.email, manager);
        return this.createUser(
          { email: input.email, name: input.name, passwordHash, emailVerified: false, accountName: input.accountName },
          { admission, platformInviteCode: input.inviteCode },
          manager,
        );
      })
      .catch((error: unknown) => {
        // Two sign-ups racing for one address: the unique index decides, the loser hears why.
        if ((error as { code?: string }).code === '23505') throw emailTaken();
        throw error;
      });
    if (!user.emailVerifiedAt) await this.sendVerification(user);
    return this.issueSession(user);
  }

  async login(input: LoginRequest & { email: string }): Promise<IssuedSession> {
    const user = await this.users.findByEmailWithPassword(input.email);
    const matches = await this.passwords.verify(user?.passwordHash, input.password);
    if (!user || !matches || user.removedAt) throw invalidCredentials();
    return this.issueSession(user);
  }

  /** Signs in with a provider identity, registering (with the same invite rules) when it is new. */
  async signInWithProvider(profile: ProviderProfile, intent: InviteIntent): Promise<UserEntity> {
    const known = await this.users.findBySubject(profile.provider, profile.subject);
    if (known) {
      if (known.removedAt) throw new AppError(401, 'account_removed', 'This user has been removed from its account');
      return known;
    }
    const byEmail = await this.users.findByEmail(profile.email);
    if (byEmail) {
      // Linking by email is safe only when the provider vouches for the address.
      if (byEmail.removedAt) throw new AppError(401, 'account_removed', 'This user has been removed from its account');
      if (!profile.emailVerified) throw new AppError(409, 'email_already_registered', 'This email already has an account; sign in with your password');
      await this.tokens.transaction(async (manager) => {
        await this.users.linkSubject(byEmail.id, profile.provider, profile.subject, manager);
        if (byEmail.emailVerifiedAt) return;
        // Nobody proved this mailbox when the password was set: whoever registered the address first
        // may not be its owner. The owner, now proven by the provider, takes it over alone.
        await this.users.markEmailVerified(byEmail.id, manager);
        await this.users.clearPassword(byEmail.id, manager);
        await this.tokens.revokeAllForUser(byEmail.id, manager);
      });
      return byEmail;
    }
    const admission = intent.accountInviteCode ? await this.invites.admission(intent.accountInviteCode, profile.email) : undefined;
    const user = await this.tokens.transaction((manager) =>
      this.createUser(
        {
          email: profile.email,
          name: profile.name,
          passwordHash: null,
          emailVerified: profile.emailVerified,
          subject: { provider: profile.provider, value: profile.subject },
        },
        { admission },
        manager,
      ),
    );
    if (!user.emailVerifiedAt) await this.sendVerification(user);
    return user;
  }

  /** A short-lived code the web app trades for tokens, so tokens never travel in a redirect URL. */
  async createExchangeCode(user: UserEntity): Promise<string> {
    const code = newSecret();
    await this.tokens.insertOneTime({
      accountId: user.accountId,
      userId: user.id,
      purpose: 'oauth_exchange',
      tokenHash: digest(code),
      expiresAt: new Date(Date.now() + OAUTH_EXCHANGE_TTL_SECONDS * 1000),
    });
    return code;
  }

  async exchangeCode(code: string): Promise<IssuedSession> {
    const token = await this.tokens.consumeOneTime('oauth_exchange', digest(code));
    const user = token && (await this.users.findActiveById(token.userId));
    if (!user) throw new AppError(400, 'invalid_exchange_code', 'This sign-in link has expired; sign in again');
    return this.issueSession(user);
  }

  /** Rotates a refresh token. Presenting an already-rotated token revokes its whole family. */
  async refresh(presented: string | undefined): Promise<IssuedSession> {
    if (!presented) throw invalidRefresh();
    const outcome = await this.tokens.transaction(async (manager) => {
      const token = await this.tokens.findRefreshByHashForUpdate(digest(presented), manager);
      if (!token) return { error: invalidRefresh() };
      if (token.rotatedAt || token.revokedAt) {
        await this.tokens.revokeFamily(token.familyId, manager);
        return {
          error: new AppError(401, 'refresh_token_reused', 'This session was signed out because its token was used twice; sign in again'),
          reuse: token,
        };
      }
      if (token.expiresAt.getTime() <= Date.now()) return { error: invalidRefresh() };
      const user = await this.users.findActiveById(token.userId);
      if (!user) {
        await this.tokens.revokeFamily(token.familyId, manager);
        return { error: invalidRefresh() };
      }
      await this.tokens.markRotated(token.id, manager);
      return { session: await this.issueSession(user, token.familyId, manager) };
    });
    if ('reuse' in outcome && outcome.reuse) {
      this.logger.warn({ userId: outcome.reuse.userId, familyId: outcome.reuse.familyId }, 'Refresh token reuse: family revoked');
    }
    if (outcome.error) throw outcome.error;
    return outcome.session!;
  }

  async logout(presented: string | undefined): Promise<void> {
    if (!presented) return;
    const token = await this.tokens.findRefreshByHash(digest(presented));
    if (token) await this.tokens.revokeFamily(token.familyId);
  }

  async me(principal: Principal): Promise<Me> {
    if (principal.kind !== 'user' || !principal.userId) {
      throw new AppError(403, 'forbidden', 'API keys act for an account, not a person; /auth/me needs a user token');
    }
    const row = await this.meRows.find(principal.userId);
    if (!row) throw AppError.unauthorized();
    return this.describe(row);
  }

  async streamTicket(principal: Principal): Promise<{ ticket: string; expiresIn: number }> {
    if (principal.kind !== 'user' || !principal.userId) {
      throw new AppError(403, 'forbidden', 'API keys open streams with the Authorization header');
    }
    const ticket = await this.accessTokens.signStreamTicket({ userId: principal.userId, accountId: principal.accountId });
    return { ticket, expiresIn: STREAM_TICKET_TTL_SECONDS };
  }

  async verifyEmail(token: string): Promise<void> {
    const spent = await this.tokens.consumeOneTime('verify_email', digest(token));
    if (!spent) throw new AppError(400, 'invalid_or_expired_token', 'This verification link is invalid or has expired');
    await this.users.markEmailVerified(spent.userId);
  }

  async resendVerification(principal: Principal): Promise<void> {
    // A key's userId is its creator: without this a key would mail that person on their behalf.
    if (principal.kind !== 'user') throw new AppError(403, 'forbidden', 'API keys act for an account, not a person; verification needs a user token');
    const user = principal.userId ? await this.users.findActiveById(principal.userId) : null;
    if (!user) throw AppError.unauthorized();
    if (user.emailVerifiedAt) throw new AppError(409, 'email_already_verified', 'Your email address is already verified');
    await this.sendVerification(user);
  }

  /** Always accepted, whether or not the address has an account, so the answer reveals nothing. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.removedAt) return;
    const token = await this.replaceLink(user, 'reset_password', RESET_PASSWORD_TTL_MINUTES * 60_000);
    await this.mailer.passwordReset(user, token, RESET_PASSWORD_TTL_MINUTES);
  }

  /** Sets the new password and signs out every session of that user. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    await this.tokens.transaction(async (manager) => {
      const spent = await this.tokens.consumeOneTime('reset_password', digest(token), manager);
      if (!spent) throw new AppError(400, 'invalid_or_expired_token', 'This reset link is invalid or has expired');
      await this.users.setPasswordHash(spent.userId, passwordHash, manager);
      await this.users.markEmailVerified(spent.userId, manager);
      await this.tokens.revokeAllForUser(spent.userId, manager);
    });
  }

  @OnDomainEvent('user.removed')
  async onUserRemoved(event: DomainEventMap['user.removed']): Promise<void> {
    await this.tokens.revokeAllForUser(event.userId);
  }

  async issueSession(user: UserEntity, familyId: string = randomUUID(), manager?: EntityManager): Promise<IssuedSession> {
    const refreshToken = newSecret();
    const refreshExpiresAt = new Date(Date.now() + REFRESH_TTL_DAYS * 86_400_000);
    await this.tokens.insertRefresh(
      { accountId: user.accountId, userId: user.id, familyId, tokenHash: digest(refreshToken), expiresAt: refreshExpiresAt },
      manager,
    );
    const accessToken = await this.accessTokens.sign({ userId: user.id, accountId: user.accountId });
    const me = await this.tenant.run(user.accountId, async () => {
      const row = await this.meRows.find(user.id);
      if (!row) throw AppError.unauthorized();
      return this.describe(row);
    });
    return { body: { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken, user: me }, refreshToken, refreshExpiresAt };
  }

  private describe(row: MeRow): Me {
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      superAdmin: row.superAdmin,
      emailVerified: row.emailVerifiedAt !== null,
      emailVerificationDeadline: row.emailVerifiedAt
        ? null
        : verificationDeadline(row.createdAt, this.config.env.EMAIL_VERIFICATION_GRACE_HOURS).toISOString(),
      account: { id: row.accountId, name: row.accountName },
      subscription: row.plan
        ? { plan: row.plan, status: row.status!, trialEndsAt: row.trialEndsAt?.toISOString() ?? null }
        : { plan: 'free', status: 'none', trialEndsAt: null },
      onboardingStepCompleted: row.onboardingStepCompleted,
      onboardingDismissed: row.onboardingDismissed,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private async assertEmailFree(email: string, manager: EntityManager): Promise<void> {
    if (await this.users.findByEmail(email, manager)) throw emailTaken();
  }

  /**
   * The one path that creates a user. With an account invite (its `admission`, checked before the
   * transaction): joins that account with the invite's role if the plan has a seat for them, no
   * trial, and the address counts as verified (the invite reached it).
   * Without: the platform invite gate, then a new account, its owner and a Pro trial.
   */
  private async createUser(
    person: {
      email: string;
      name: string;
      passwordHash: string | null;
      emailVerified: boolean;
      accountName?: string;
      subject?: { provider: 'google' | 'microsoft'; value: string };
    },
    codes: { admission?: InviteAdmission; platformInviteCode?: string },
    manager: EntityManager,
  ): Promise<UserEntity> {
    const subject =
      person.subject?.provider === 'google'
        ? { googleSubject: person.subject.value }
        : person.subject
          ? { microsoftSubject: person.subject.value }
          : {};

    if (codes.admission) {
      const invite = await this.invites.admit(codes.admission, manager);
      const user = await this.users.create(
        {
          accountId: invite.accountId,
          email: person.email,
          name: person.name,
          role: invite.role,
          passwordHash: person.passwordHash,
          emailVerifiedAt: new Date(),
          // The wizard sets up an account; an invitee joins one that is set up, whatever role they get later.
          onboardingDismissed: true,
          ...subject,
        },
        manager,
      );
      await this.invites.markAccepted(invite.id, user.id, manager);
      return user;
    }

    const { REQUIRE_INVITE_CODE, SELF_SERVE_ENABLED } = this.config.env;
    if (codes.platformInviteCode) {
      if (!(await this.inviteCodes.consume(codes.platformInviteCode, manager))) {
        throw new AppError(400, 'invite_code_invalid', 'This invite code is invalid, expired or used up');
      }
    } else if (REQUIRE_INVITE_CODE && !SELF_SERVE_ENABLED) {
      throw new AppError(400, 'invite_code_required', 'Signing up needs an invite code');
    }

    const account = await this.accounts.createAccount(person.accountName ?? `${person.name}'s team`, manager);
    const user = await this.users.create(
      {
        accountId: account.id,
        email: person.email,
        name: person.name,
        role: 'owner',
        passwordHash: person.passwordHash,
        emailVerifiedAt: person.emailVerified ? new Date() : null,
        ...subject,
      },
      manager,
    );
    await this.billing.startTrial(account.id, manager);
    return user;
  }

  private async sendVerification(user: UserEntity): Promise<void> {
    await this.mailer.verifyEmail(user, await this.replaceLink(user, 'verify_email', VERIFY_EMAIL_TTL_HOURS * 3_600_000));
  }

  /** A fresh emailed-link token for `purpose`; the user's older open links of that purpose stop working. */
  private async replaceLink(user: UserEntity, purpose: 'verify_email' | 'reset_password', ttlMs: number): Promise<string> {
    const token = newSecret();
    await this.tokens.invalidateOpen(user.id, purpose);
    await this.tokens.insertOneTime({
      accountId: user.accountId,
      userId: user.id,
      purpose,
      tokenHash: digest(token),
      expiresAt: new Date(Date.now() + ttlMs),
    });
    return token;
  }
}
