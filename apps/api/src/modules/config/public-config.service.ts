import { Injectable } from '@nestjs/common';
import type { OAuthProvider, PublicConfig } from '@resolutionflow/contracts';
import { AppConfig } from '../../core/config/app-config.js';

/** What the web app needs to know before anyone signs in. */
@Injectable()
export class PublicConfigService {
  constructor(private readonly config: AppConfig) {}

  publicConfig(): PublicConfig {
    const env = this.config.env;
    const oauthProviders: OAuthProvider[] = [];
    if (env.GOOGLE_CLIENT_ID) oauthProviders.push('google');
    if (env.MS_CLIENT_ID) oauthProviders.push('microsoft');
    return {
      selfServeEnabled: env.SELF_SERVE_ENABLED,
      // Self-serve lifts the requirement, so the sign-up form asks for a code only when it is needed.
      requireInviteCode: env.REQUIRE_INVITE_CODE && !env.SELF_SERVE_ENABLED,
      oauthProviders,
    };
  }
}
