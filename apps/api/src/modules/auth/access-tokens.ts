import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../../core/config/app-config.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
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
    return new SignJWT({ acc: claims.accountId, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything expired, forged or malformed. */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.acc !== 'string') return null;
      return { userId: payload.sub, accountId: payload.acc };
    } catch {
      return null;
    }
  }
}
