import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../../core/config/app-config.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const STREAM_TICKET_TTL_SECONDS = 60;
const ISSUER = 'resolutionflow';
const AUDIENCE = 'resolutionflow-api';

export interface AccessClaims {
  userId: string;
  accountId: string;
}

/** Short-lived HS256 access tokens. Only HS256 is accepted, so `alg: none` and key confusion fail. */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(config: AppConfig) {
    this.key = new TextEncoder().encode(config.env.JWT_SECRET);
  }

  sign(claims: AccessClaims): Promise<string> {
    return this.signTyped(claims, 'access', ACCESS_TOKEN_TTL_SECONDS);
  }

  /** A stream ticket: only good for opening a live stream (in a URL), and only for a minute. */
  signStreamTicket(claims: AccessClaims): Promise<string> {
    return this.signTyped(claims, 'stream', STREAM_TICKET_TTL_SECONDS);
  }

  verifyStreamTicket(ticket: string): Promise<AccessClaims | null> {
    return this.verifyTyped(ticket, 'stream');
  }

  private signTyped(claims: AccessClaims, typ: 'access' | 'stream', ttlSeconds: number): Promise<string> {
    return new SignJWT({ acc: claims.accountId, typ })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything expired, forged or malformed. */
  verify(token: string): Promise<AccessClaims | null> {
    return this.verifyTyped(token, 'access');
  }

  private async verifyTyped(token: string, typ: 'access' | 'stream'): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (payload.typ !== typ || typeof payload.sub !== 'string' || typeof payload.acc !== 'string') return null;
      return { userId: payload.sub, accountId: payload.acc };
    } catch {
      return null;
    }
  }
}
