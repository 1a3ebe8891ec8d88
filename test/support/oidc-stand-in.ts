import { OAuth2Server, type MutableRedirectUri, type MutableResponse, type MutableToken } from 'oauth2-mock-server';

/** The person the stand-in signs in as: OpenID Connect standard claims. */
export interface StandInUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/**
 * A real OAuth 2.0 / OpenID Connect server on 127.0.0.1 (discovery, JWKS, authorize, token,
 * userinfo) standing in for Google and Microsoft alike. Its authorize endpoint approves at once,
 * redirecting back with a code; the ID token, the access token and userinfo describe the user
 * set with `signInAs`. PKCE and nonce are checked as a real server would.
 */
export class OidcStandIn {
  private readonly server = new OAuth2Server();
  private user: StandInUser = { sub: 'stand-in-user' };
  private denying = false;
  private tokenError: string | null = null;

  /** The issuer URL (discovery lives under it). */
  get issuer(): string {
    const url = this.server.issuer.url;
    if (!url) throw new Error('OidcStandIn is not started');
    return url;
  }

  url(path: '/authorize' | '/token' | '/userinfo'): string {
    return `${this.issuer}${path}`;
  }

  async start(): Promise<void> {
    await this.server.issuer.keys.generate('RS256');
    const service = this.server.service;
    service.on('beforeAuthorizeRedirect', (redirect: MutableRedirectUri) => {
      if (!this.denying) return;
      redirect.url.searchParams.delete('code');
      redirect.url.searchParams.set('error', 'access_denied');
      redirect.url.searchParams.set('error_description', 'The user declined');
    });
    service.on('beforeTokenSigning', (token: MutableToken) => {
      Object.assign(token.payload, this.user);
    });
    service.on('beforeResponse', (response: MutableResponse) => {
      if (!this.tokenError) return;
      response.statusCode = 400;
      response.body = { error: this.tokenError, error_description: 'Refused by the stand-in' };
    });
    service.on('beforeUserinfo', (response: MutableResponse) => {
      response.body = { ...this.user };
    });
    await this.server.start(0, '127.0.0.1');
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Who the next sign-ins are made as; also clears any failure set before. */
  signInAs(user: StandInUser): void {
    this.user = user;
    this.denying = false;
    this.tokenError = null;
  }

  /** The user declines at the provider: the redirect back carries `error=access_denied` instead of a code. */
  denyConsent(): void {
    this.denying = true;
  }

  /** The token endpoint answers 400 with this OAuth error instead of tokens. */
  failTokenRequests(error = 'invalid_grant'): void {
    this.tokenError = error;
  }
}
