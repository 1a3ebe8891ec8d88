import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { oauthProviderSchema, type OAuthProvider } from '@resolutionflow/contracts';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppConfig } from '../../../core/config/app-config.js';
import { Public } from '../../../core/http/public.decorator.js';
import { ApiErrors } from '../../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../../core/rate-limit/rate-limit.decorator.js';
import { ValidQuery } from '../../../core/validation/zod-validation.js';
import { OAuthSignIn, providerDisabled, type OAuthCookies } from './oauth-sign-in.service.js';

const CSRF_COOKIE = 'rf_oauth_csrf';
const STRATEGY_SESSION_COOKIE = 'rf_oauth_session';
/** Long enough to sign in at the provider, short enough that a stale attempt cannot be finished later. */
const COOKIE_MAX_AGE_SECONDS = 600;

/** Blank parameters (the web app's `?accountInviteCode=&invitedEmail=`) mean "none". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

const startQuerySchema = z.object({
  accountInviteCode: optionalText(128),
  invitedEmail: optionalText(254),
});

@ApiTags('auth')
@Controller('auth/oauth')
@Public()
export class OAuthController {
  constructor(
    private readonly oauth: OAuthSignIn,
    private readonly config: AppConfig,
  ) {}

  @Get(':provider')
  @RateLimit({ name: 'oauth-start', limit: 60, windowSeconds: 900, by: 'ip' })
  @ApiParam({ name: 'provider', enum: oauthProviderSchema.options })
  @ApiResponse({ status: 302, description: "To the provider's sign-in page, with `state` bound to a CSRF cookie" })
  @ApiErrors([404, 'oauth_provider_disabled'], [400, 'validation_failed'], [429, 'rate_limited'])
  async start(
    @Param('provider') name: string,
    @ValidQuery(startQuerySchema) query: z.output<typeof startQuerySchema>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const provider = providerNamed(name);
    const redirect = await this.oauth.start(provider, query);
    if (redirect.cookies) this.setCookies(reply, provider, redirect.cookies);
    await reply.header('cache-control', 'no-store').redirect(redirect.location, 302);
  }

  @Get(':provider/callback')
  @RateLimit({ name: 'oauth-callback', limit: 60, windowSeconds: 900, by: 'ip' })
  @ApiParam({ name: 'provider', enum: oauthProviderSchema.options })
  @ApiResponse({
    status: 302,
    description: 'To the web app: `/auth/callback?code=<one-time code>` (with `&welcome=teammate` after joining through an invite) or `?error=<code>`',
  })
  @ApiErrors([404, 'oauth_provider_disabled'], [429, 'rate_limited'])
  async callback(
    @Param('provider') name: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const provider = providerNamed(name);
    const location = await this.oauth.complete(provider, query, {
      csrf: request.cookies[CSRF_COOKIE],
      strategySession: request.cookies[STRATEGY_SESSION_COOKIE],
    });
    const options = this.cookieOptions(provider);
    reply.clearCookie(CSRF_COOKIE, options).clearCookie(STRATEGY_SESSION_COOKIE, options);
    await reply.header('cache-control', 'no-store').redirect(location, 302);
  }

  private setCookies(reply: FastifyReply, provider: OAuthProvider, cookies: OAuthCookies): void {
    const options = { ...this.cookieOptions(provider), maxAge: COOKIE_MAX_AGE_SECONDS };
    reply.setCookie(CSRF_COOKIE, cookies.csrf, options);
    if (cookies.strategySession) reply.setCookie(STRATEGY_SESSION_COOKIE, cookies.strategySession, options);
  }

  /** Sent back only to this provider's callback. */
  private cookieOptions(provider: OAuthProvider): CookieSerializeOptions {
    return {
      httpOnly: true,
      // Lax, not Strict: the cookie must come along on the provider's top-level redirect back to us.
      sameSite: 'lax',
      secure: this.config.isProduction,
      path: this.oauth.callbackUrl(provider).pathname,
    };
  }
}

function providerNamed(name: string): OAuthProvider {
  const parsed = oauthProviderSchema.safeParse(name);
  if (!parsed.success) throw providerDisabled();
  return parsed.data;
}
