/** The errors every owner/admin route of an account may answer, listed before a route's own. */
export const ACCOUNT_ADMIN_ERRORS: [number, string][] = [
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [403, 'email_verification_required'],
];
