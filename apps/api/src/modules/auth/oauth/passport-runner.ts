import passport from 'passport';

/**
 * What a strategy sees as the request. The OAuth flow builds it instead of handing over Fastify's
 * request: strategies tell "start" from "callback" by `code`/`error` in the query, so each phase
 * passes exactly the parameters it means, and Passport's per-request helpers land here.
 */
export interface PassportRequest {
  method: 'GET';
  protocol: string;
  host: string;
  url: string;
  originalUrl: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Where a strategy keeps what it needs between the two phases (openid-client: PKCE verifier, nonce, state). */
  session: Record<string, unknown>;
}

export type StrategyOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'success'; user: unknown }
  | { kind: 'fail'; info: unknown };

/** Runs one Passport strategy on `request`; strategy errors reject. */
export function runStrategy(name: string, request: PassportRequest, options: object): Promise<StrategyOutcome> {
  return new Promise((resolve, reject) => {
    const response = redirectCapture((location) => resolve({ kind: 'redirect', location }), reject);
    const authenticate = passport.authenticate(name, { ...options, session: false }, (error: unknown, user: unknown, info: unknown) => {
      if (error) reject(error);
      else if (user) resolve({ kind: 'success', user });
      else resolve({ kind: 'fail', info });
    }) as (req: PassportRequest, res: RedirectCapture, next: (error?: unknown) => void) => void;
    authenticate(request, response, (error) => reject(error ?? new Error(`Strategy "${name}" passed the request on`)));
  });
}

interface RedirectCapture {
  statusCode: number;
  setHeader(name: string, value: string | number): void;
  getHeader(name: string): string | undefined;
  end(): void;
}

/**
 * The reply shim. Passport's redirecting strategies write to a Node response
 * (`res.statusCode = 302`, `res.setHeader('Location', …)`, `res.end()`), which Fastify's reply does
 * not look like; and the flow still has cookies to set before the browser leaves. So the strategy
 * writes here, and the redirect comes back to the caller, who answers through Fastify.
 */
function redirectCapture(onRedirect: (location: string) => void, onError: (error: Error) => void): RedirectCapture {
  const headers = new Map<string, string>();
  return {
    statusCode: 200,
    setHeader(name, value) {
      headers.set(name.toLowerCase(), String(value));
    },
    getHeader(name) {
      return headers.get(name.toLowerCase());
    },
    end() {
      const location = headers.get('location');
      if (location && this.statusCode >= 300 && this.statusCode < 400) onRedirect(location);
      else onError(new Error(`Strategy answered ${this.statusCode} without a redirect`));
    },
  };
}
