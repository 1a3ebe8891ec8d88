/** Paths the sign-in page never sends people back to (they would loop or make no sense once signed in). */
const NOT_A_DESTINATION = ['/login', '/signup', '/auth/callback', '/reset-password', '/accept-invite'];

/**
 * A return address from a query parameter, or null when it is not a path of this app: only a
 * single leading slash, so `//evil.example` and `https://…` cannot turn sign-in into an open redirect.
 */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  const path = value.split(/[?#]/, 1)[0]!;
  if (NOT_A_DESTINATION.some((page) => path === page || path.startsWith(`${page}/`))) return null;
  return value;
}

/** The sign-in page, remembering where the person was going. */
export function loginUrlFor(returnTo: string | null | undefined): string {
  const target = safeReturnUrl(returnTo);
  return target && target !== '/' ? `/login?returnUrl=${encodeURIComponent(target)}` : '/login';
}
