import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  loginRequestSchema,
  oauthExchangeRequestSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  refreshRequestSchema,
  registerRequestSchema,
  verifyEmailRequestSchema,
  type AuthResponse,
  type Me,
} from '@resolutionflow/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AllowUnverifiedEmail, CurrentPrincipal } from '../../core/auth/auth.decorators.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppConfig } from '../../core/config/app-config.js';
import { Public } from '../../core/http/public.decorator.js';
import { ApiErrors } from '../../core/openapi/api-errors.decorator.js';
import { RateLimit } from '../../core/rate-limit/rate-limit.decorator.js';
import { ValidBody } from '../../core/validation/zod-validation.js';
import { REFRESH_COOKIE, type IssuedSession } from './auth-session.js';
import { AuthService } from './auth.service.js';

const COOKIE_PATH = '/api/v1/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('register')
  @Public()
  @RateLimit({ name: 'register', limit: 10, windowSeconds: 3600, by: 'ip' })
  @ApiErrors(
    [400, 'validation_failed'],
    [400, 'invite_code_required'],
    [400, 'invite_code_invalid'],
    [400, 'invite_invalid_or_expired_or_revoked'],
    [400, 'invite_email_mismatch'],
    [409, 'email_already_registered'],
    [409, 'seat_limit_reached'],
    [429, 'rate_limited'],
  )
  async register(
    @ValidBody(registerRequestSchema) body: z.output<typeof registerRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    return this.withCookie(reply, await this.auth.register(body));
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @RateLimit(
    { name: 'login-ip', limit: 30, windowSeconds: 900, by: 'ip' },
    { name: 'login-email', limit: 10, windowSeconds: 900, by: 'body.email' },
  )
  @ApiErrors([400, 'validation_failed'], [401, 'invalid_credentials'], [429, 'rate_limited'])
  async login(
    @ValidBody(loginRequestSchema) body: z.output<typeof loginRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    return this.withCookie(reply, await this.auth.login(body));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @RateLimit({ name: 'refresh', limit: 120, windowSeconds: 900, by: 'ip' })
  @ApiErrors([401, 'invalid_refresh_token'], [401, 'refresh_token_reused'])
  async refresh(
    @ValidBody(refreshRequestSchema) body: z.output<typeof refreshRequestSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    try {
      return this.withCookie(reply, await this.auth.refresh(body.refreshToken ?? request.cookies[REFRESH_COOKIE]));
    } catch (error) {
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiErrors([400, 'validation_failed'])
  async logout(
    @ValidBody(refreshRequestSchema) body: z.output<typeof refreshRequestSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(body.refreshToken ?? request.cookies[REFRESH_COOKIE]);
    reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Post('oauth/exchange')
  @Public()
  @HttpCode(200)
  @RateLimit({ name: 'oauth-exchange', limit: 30, windowSeconds: 900, by: 'ip' })
  @ApiErrors([400, 'invalid_exchange_code'])
  async exchange(
    @ValidBody(oauthExchangeRequestSchema) body: z.output<typeof oauthExchangeRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponse> {
    return this.withCookie(reply, await this.auth.exchangeCode(body.code));
  }

  @Get('me')
  @AllowUnverifiedEmail()
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'The signed-in user with role, account, subscription and onboarding state' })
  @ApiErrors([401, 'unauthorized'])
  me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    return this.auth.me(principal);
  }

  @Post('stream-ticket')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ description: '`{ticket, expiresIn}`: a 60-second credential for opening a live stream with `?ticket=` (EventSource clients)' })
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'])
  streamTicket(@CurrentPrincipal() principal: Principal): Promise<{ ticket: string; expiresIn: number }> {
    return this.auth.streamTicket(principal);
  }

  @Post('verify-email')
  @Public()
  @HttpCode(204)
  @RateLimit({ name: 'verify-email', limit: 30, windowSeconds: 3600, by: 'ip' })
  @ApiErrors([400, 'invalid_or_expired_token'])
  async verifyEmail(@ValidBody(verifyEmailRequestSchema) body: z.output<typeof verifyEmailRequestSchema>): Promise<void> {
    await this.auth.verifyEmail(body.token);
  }

  @Post('resend-verification')
  @AllowUnverifiedEmail()
  @HttpCode(202)
  @ApiBearerAuth()
  @RateLimit({ name: 'resend-verification', limit: 5, windowSeconds: 3600, by: 'principal' })
  @ApiErrors([401, 'unauthorized'], [403, 'forbidden'], [409, 'email_already_verified'], [429, 'rate_limited'])
  async resendVerification(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.resendVerification(principal);
  }

  @Post('password-reset/request')
  @Public()
  @HttpCode(202)
  @RateLimit(
    { name: 'reset-ip', limit: 20, windowSeconds: 3600, by: 'ip' },
    { name: 'reset-email', limit: 5, windowSeconds: 3600, by: 'body.email' },
  )
  @ApiErrors([429, 'rate_limited'])
  async requestPasswordReset(
    @ValidBody(passwordResetRequestSchema) body: z.output<typeof passwordResetRequestSchema>,
  ): Promise<void> {
    await this.auth.requestPasswordReset(body.email);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @RateLimit({ name: 'reset-confirm', limit: 20, windowSeconds: 3600, by: 'ip' })
  @ApiErrors([400, 'invalid_or_expired_token'])
  async confirmPasswordReset(
    @ValidBody(passwordResetConfirmSchema) body: z.output<typeof passwordResetConfirmSchema>,
  ): Promise<void> {
    await this.auth.confirmPasswordReset(body.token, body.password);
  }

  private withCookie(reply: FastifyReply, session: IssuedSession): AuthResponse {
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      secure: this.config.isProduction,
      sameSite: 'strict',
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
    return session.body;
  }
}
