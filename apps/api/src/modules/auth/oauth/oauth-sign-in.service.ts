import { Injectable, Logger } from '@nestjs/common';
import type { OAuthProvider } from '@resolutionflow/contracts';
import { AppConfig } from '../../../core/config/app-config.js';
import { AppError } from '../../../core/errors/app-error.js';
import { safeEqual } from '../../../core/security/secrets.js';
import { AccountInvitesService } from '../../accounts/invites/account-invites.service.js';
import { AuthService, type ProviderProfile } from '../auth.service.js';
import { decodeOAuthState, encodeOAuthState, newOAuthState } from './oauth-state.js';
import { OAuthProviders } from './oauth-providers.js';
import { runStrategy, type PassportRequest, type StrategyOutcome } from './passport-runner.js';
import { decodeStrategySession, encodeStrategySession } from './strategy-session.js';

export interface OAuthIntent {
  accountInviteCode?: string;
  invitedEmail?: string;
}

/** A redirect out of the API, with the values the callback needs back as cookies (none after a failure). */
export interface OAuthRedirect {
  location: string;
  cookies?: OAuthCookies;
}

export interface OAuthCookies {
  csrf: string;
  strategySession?: string;
}

export const providerDisabled = () => new AppError(404, 'oauth_provider_disabled', 'Sign-in with this provider is not enabled');
const stateInvalid = () => new AppError(400, 'oauth_state_invalid', 'This sign-in could not be verified; start it again');

/**
 * Sign-in with Google or Microsoft, from the redirect to the provider to the landing page in the
 * web app. Every failure after the start lands on the web app too, as `?error=<code>`; a token
 * never travels in a URL, only a one-time code the web app exchanges.
 */
@Injectable()
export class OAuthSignIn {
  private readonly logger = new Logger(OAuthSignIn.name);

  constructor(
    private readonly config: AppConfig,
    private readonly providers: OAuthProviders,
    private readonly auth: AuthService,
    private readonly invites: AccountInvitesService,
  ) {}

  callbackUrl(provider: OAuthProvider): URL {
    return this.providers.callbackUrl(provider);
  }

  /** Sends the browser to the provider with a fresh `state`; its csrf value goes back as a cookie. */
  async start(provider: OAuthProvider, intent: OAuthIntent): Promise<OAuthRedirect> {
    if (!this.providers.isEnabled(provider)) throw providerDisabled();
    const state = newOAuthState(intent);
    const session: Record<string, unknown> = {};
    try {
      const outcome = await this.run(provider, this.passportRequest(provider, {}, session), {
        state: encodeOAuthState(state),
        loginHint: intent.invitedEmail,
      });
      if (outcome.kind !== 'redirect') throw new AppError(502, 'oauth_provider_error', 'The sign-in provider did not start the sign-in');
      return { location: outcome.location, cookies: { csrf: state.csrf, strategySession: encodeStrategySession(session) } };
    } catch (error) {
      return { location: this.landing({ error: this.failureCode(error) }) };
    }
  }

  /** Where the provider's redirect back leads: the web app, with a one-time code or an error code. */
  async complete(provider: OAuthProvider, query: Record<string, unknown>, cookies: Partial<OAuthCookies>): Promise<string> {
    try {
      return await this.signIn(provider, query, cookies);
    } catch (error) {
      return this.landing({ error: this.failureCode(error) });
    }
  }

  private async signIn(provider: OAuthProvider, query: Record<string, unknown>, cookies: Partial<OAuthCookies>): Promise<string> {
    if (!this.providers.isEnabled(provider)) throw providerDisabled();
    const state = decodeOAuthState(query['state']);
    if (!state || !cookies.csrf || !safeEqual(state.csrf, cookies.csrf)) throw stateInvalid();
    const session = decodeStrategySession(cookies.strategySession);
    if (!session) throw stateInvalid();

    const outcome = await this.run(provider, this.passportRequest(provider, stringParams(query), session), {});
    if (outcome.kind === 'fail') {
      if (query['error'] === 'access_denied') throw new AppError(401, 'oauth_access_denied', 'Sign-in was cancelled at the provider');
      throw stateInvalid();
    }
    if (outcome.kind === 'redirect') {
      throw new AppError(400, 'oauth_provider_error', 'The sign-in provider answered without an authorization code');
    }

    // Whether this sign-in joined the invited account decides the landing (no welcome wizard for teammates).
    const invite = state.accountInviteCode ? await this.invites.findOpen(state.accountInviteCode) : null;
    const user = await this.auth.signInWithProvider(outcome.user as ProviderProfile, { accountInviteCode: state.accountInviteCode });
    const code = await this.auth.createExchangeCode(user);
    return this.landing(invite && invite.accountId === user.accountId ? { code, welcome: 'teammate' } : { code });
  }

  /** Runs the provider's strategy; anything that goes wrong at the provider becomes `oauth_provider_error`. */
  private async run(provider: OAuthProvider, request: PassportRequest, options: object): Promise<StrategyOutcome> {
    try {
      await this.providers.ready(provider);
      return await runStrategy(provider, request, options);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Only the error's name and message: provider errors can echo request details.
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      this.logger.warn({ provider, error: { name, message } }, 'OAuth provider call failed');
      throw new AppError(502, 'oauth_provider_error', 'The sign-in provider did not complete the sign-in');
    }
  }

  /** The request a strategy sees: the public callback URL with the given query parameters. */
  private passportRequest(provider: OAuthProvider, query: Record<string, string>, session: Record<string, unknown>): PassportRequest {
    const callback = this.callbackUrl(provider);
    const search = new URLSearchParams(query).toString();
    const url = `${callback.pathname}${search ? `?${search}` : ''}`;
    return {
      method: 'GET',
      protocol: callback.protocol.slice(0, -1),
      host: callback.host,
      url,
      originalUrl: url,
      headers: { host: callback.host },
      query,
      session,
    };
  }

  private landing(params: Record<string, string>): string {
    const url = new URL('/auth/callback', this.config.env.APP_URL);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  private failureCode(error: unknown): string {
    if (error instanceof AppError) return error.code;
    this.logger.error({ err: error }, 'OAuth sign-in failed');
    return 'oauth_failed';
  }
}

/** The single-valued parameters of a query string; a repeated parameter is not a valid callback. */
function stringParams(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
