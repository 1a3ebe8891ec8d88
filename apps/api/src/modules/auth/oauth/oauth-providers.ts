import { Injectable } from '@nestjs/common';
import type { OAuthProvider } from '@resolutionflow/contracts';
import * as client from 'openid-client';
import { AppConfig } from '../../../core/config/app-config.js';
import { GoogleStrategy } from './google.strategy.js';
import { MicrosoftStrategy } from './microsoft.strategy.js';

/**
 * The configured sign-in providers and their Passport strategies (registered under the provider's
 * name). A provider is enabled only when its client id is set.
 */
@Injectable()
export class OAuthProviders {
  private readonly registrations = new Map<OAuthProvider, Promise<void>>();

  constructor(private readonly config: AppConfig) {}

  isEnabled(provider: OAuthProvider): boolean {
    return Boolean(provider === 'google' ? this.config.env.GOOGLE_CLIENT_ID : this.config.env.MS_CLIENT_ID);
  }

  /** The redirect URI registered with the provider: where browsers reach this API, not where it listens. */
  callbackUrl(provider: OAuthProvider): URL {
    const base = this.config.env.API_PUBLIC_URL ?? this.config.env.APP_URL;
    return new URL(`api/v1/auth/oauth/${provider}/callback`, base.endsWith('/') ? base : `${base}/`);
  }

  /**
   * Registers the provider's strategy on first use. Microsoft's needs its issuer's discovery
   * document first; fetching it lazily keeps an unreachable issuer from holding up the boot, and
   * a failed attempt is forgotten so the next sign-in tries again.
   */
  ready(provider: OAuthProvider): Promise<void> {
    let registration = this.registrations.get(provider);
    if (!registration) {
      registration = provider === 'google' ? Promise.resolve(this.registerGoogle()) : this.registerMicrosoft();
      registration.catch(() => this.registrations.delete(provider));
      this.registrations.set(provider, registration);
    }
    return registration;
  }

  // Constructing a strategy registers it with Passport under the provider's name.
  private registerGoogle(): void {
    const env = this.config.env;
    new GoogleStrategy({
      clientID: env.GOOGLE_CLIENT_ID!,
      clientSecret: env.GOOGLE_CLIENT_SECRET ?? '',
      callbackURL: this.callbackUrl('google').href,
      authorizationURL: env.GOOGLE_AUTH_URL,
      tokenURL: env.GOOGLE_TOKEN_URL,
      userProfileURL: env.GOOGLE_USERINFO_URL,
    });
  }

  /**
   * With a single tenant the discovered issuer is that tenant's and is checked as is. With
   * `organizations` or `common` Entra publishes the template `…/{tenantid}/v2.0`, which no token
   * carries; openid-client recognises Entra by its origin and then expects each ID token's `iss`
   * to be that template filled with the token's own `tid`. The ID token comes straight from the
   * token endpoint over TLS (which OpenID Connect accepts in place of a signature check), and
   * its `aud` must be our client id.
   */
  private async registerMicrosoft(): Promise<void> {
    const env = this.config.env;
    const issuer = new URL(env.MS_ISSUER_URL ?? `https://login.microsoftonline.com/${encodeURIComponent(env.MS_TENANT_ID)}/v2.0`);
    const configuration = await client.discovery(issuer, env.MS_CLIENT_ID!, env.MS_CLIENT_SECRET, undefined, {
      // Plain http only ever names a local stand-in, which an operator configured on purpose.
      execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
    new MicrosoftStrategy(configuration, this.callbackUrl('microsoft').href);
  }
}
