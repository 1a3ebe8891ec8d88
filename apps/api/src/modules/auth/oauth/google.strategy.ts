import { PassportStrategy } from '@nestjs/passport';
import { Strategy, type Profile } from 'passport-google-oauth20';
import type { ProviderProfile } from '../auth.service.js';
import { toProviderProfile } from './provider-profile.js';

export interface GoogleStrategyOptions {
  clientID: string;
  clientSecret: string;
  callbackURL: string;
  authorizationURL: string;
  tokenURL: string;
  /** Must end in `/userinfo`: that is how the strategy knows to read an OpenID Connect profile. */
  userProfileURL: string;
}

/** Google sign-in: exchanges the code, reads the OpenID Connect userinfo, yields the provider profile. */
export class GoogleStrategy extends PassportStrategy(Strategy, 'google') {
  constructor(options: GoogleStrategyOptions) {
    super({ ...options, scope: ['openid', 'email', 'profile'] });
  }

  validate(_accessToken: string, _refreshToken: string, profile: Profile): ProviderProfile {
    const email = profile.emails?.[0];
    return toProviderProfile('google', {
      subject: profile.id,
      email: email?.value,
      emailVerified: email?.verified === true,
      name: profile.displayName,
    });
  }
}
