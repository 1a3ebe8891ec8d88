/**
 * What a strategy kept in the request session at the start of a sign-in (openid-client: the PKCE
 * verifier, nonce and state), carried to the callback in an httpOnly cookie because the API keeps
 * no server-side sessions. The verifier only has to stay out of reach of whoever might intercept
 * the authorization code on its way back; the browser that started the sign-in may hold it.
 */
export function encodeStrategySession(session: Record<string, unknown>): string | undefined {
  return Object.keys(session).length ? Buffer.from(JSON.stringify(session)).toString('base64url') : undefined;
}

/** An empty session when there was no cookie; null when the cookie is not one of ours. */
export function decodeStrategySession(value: string | undefined): Record<string, unknown> | null {
  if (value === undefined || value === '') return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
