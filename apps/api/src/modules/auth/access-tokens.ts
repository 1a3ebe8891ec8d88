import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { webcrypto } from 'node:crypto';
import { AppConfig } from '../../core/config/app-config.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const STREAM_TICKET_TTL_SECONDS = 60;
const ISSUER = 'resolutionflow';
/** Verified tokens remembered per process (a client sends the same one for minutes): bounded, oldest out first. */
const VERIFIED_CACHE_SIZE = 10_000;
const AUDIENCE = 'resolutionflow-api';

export interface AccessClaims {
  userId: string;
  accountId: string;
}

/** Short-lived HS256 access tokens. Only HS256 is accepted, so `alg: none` and key confusion fail. */
@Injectable()
export class AccessTokens {
  private readonly key: Promise<webcrypto.CryptoKey>;
  /**
   * Exact token text → what verifying it proved, until it expires. Checking the signature is a
   * WebCrypto job per request otherwise; a cache hit means these very bytes were verified before.
   */
  private readonly verified = new Map<string, { typ: 'access' | 'stream'; claims: AccessClaims; expiresAt: number }>();

  constructor(config: AppConfig) {
    // Imported once: given the raw bytes, jose imports the key again on every sign and verify.
    this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(config.env.JWT_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
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

  private async signTyped(claims: AccessClaims, typ: 'access' | 'stream', ttlSeconds: number): Promise<string> {
    return new SignJWT({ acc: claims.accountId, typ })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(await this.key);
  }

  /** The claims of a valid token, or null for anything expired, forged or malformed. */
  verify(token: string): Promise<AccessClaims | null> {
    return this.verifyTyped(token, 'access');
  }

  private async verifyTyped(token: string, typ: 'access' | 'stream'): Promise<AccessClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.typ === typ ? known.claims : null;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, await this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (payload.typ !== typ || typeof payload.sub !== 'string' || typeof payload.acc !== 'string') return null;
      const claims = { userId: payload.sub, accountId: payload.acc };
      if (typeof payload.exp === 'number') this.remember(token, { typ, claims, expiresAt: payload.exp * 1000 });
      return claims;
    } catch {
      return null;
    }
  }

  private remember(token: string, entry: { typ: 'access' | 'stream'; claims: AccessClaims; expiresAt: number }): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, entry);
  }
}
