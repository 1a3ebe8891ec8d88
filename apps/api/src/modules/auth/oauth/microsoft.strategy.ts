import { PassportStrategy } from '@nestjs/passport';
import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions } from 'openid-client/passport';
import { AppError } from '../../../core/errors/app-error.js';
import type { ProviderProfile } from '../auth.service.js';
import { toProviderProfile } from './provider-profile.js';

type StrategyRequest = Parameters<Strategy['currentUrl']>[0];
type Tokens = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/** openid-client keeps its per-sign-in data (PKCE verifier, nonce, state) under this key of the request session. */
const SESSION_KEY = 'microsoft';

/**
 * Microsoft (Entra ID v2.0) sign-in through openid-client's certified Passport strategy: PKCE,
 * nonce and ID token validation are the library's. The ID token is the profile.
 */
export class MicrosoftStrategy extends PassportStrategy(Strategy, 'microsoft') {
  constructor(config: client.Configuration, callbackURL: string) {
    super({ config, callbackURL, scope: 'openid profile email', sessionKey: SESSION_KEY });
  }

  /**
   * Sends the flow's own `state` (oauth-state.ts), which this strategy otherwise ignores, and a
   * nonce. The nonce binds the ID token to this sign-in, and it also keeps our `state`: Entra's
   * discovery document does not advertise PKCE, and for such servers the strategy would put a
   * random state of its own in place of ours unless a nonce is present.
   */
  override authorizationRequestParams<TOptions extends AuthenticateOptions>(req: StrategyRequest, options: TOptions): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    const { state } = options as { state?: unknown };
    if (typeof state === 'string') params.set('state', state);
    params.set('nonce', client.randomNonce());
    return params;
  }

  validate(tokens: Tokens): ProviderProfile {
    const claims = tokens.claims();
    if (!claims) throw new AppError(502, 'oauth_provider_error', 'The sign-in provider returned no ID token');
    // Entra's `email` claim can be edited by a tenant's admins, so it counts as verified only when
    // the token says so (`email_verified`, or the optional `xms_edov` claim: domain owner verified).
    // Without it the address is still used, but never to take over an existing account.
    const email = typeof claims['email'] === 'string' ? claims['email'] : claims['preferred_username'];
    return toProviderProfile('microsoft', {
      subject: claims.sub,
      email,
      emailVerified: typeof claims['email'] === 'string' && (claims['email_verified'] === true || claims['xms_edov'] === true),
      name: claims['name'],
    });
  }
}
