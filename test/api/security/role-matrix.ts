/**
 * Who may call what: the declared expectation for every route of the OpenAPI document, written
 * from SPEC.md (§0 roles, §1 identity, §3 billing, §5-7 Pro features). The role-matrix suite fails
 * when the document gains a route this table lacks, or the table keeps a route the document lost.
 */

/** Who the route is for, before any resource-level rule. */
export type Audience =
  /** No credential needed. */
  | 'public'
  /** Any signed-in member of the account, viewers included. */
  | 'member'
  /** Engineers, admins and owners: the people who work sessions and take escalations. */
  | 'responders'
  /** Owners and admins: account administration. */
  | 'admins'
  /** Platform administrators only. */
  | 'superAdmin';

export interface RouteRule {
  audience: Audience;
  /** A Pro feature (SPEC §3 subscription guard): 402 for a lapsed account. */
  pro?: boolean;
  /** For people only: an account API key is refused with 403 whatever its role. */
  peopleOnly?: boolean;
  /** Its path ids are an account's resources: another account gets 404 (SPEC §0). */
  tenantIds?: boolean;
}

const PUBLIC: RouteRule = { audience: 'public' };
const MEMBER: RouteRule = { audience: 'member' };
const ADMINS: RouteRule = { audience: 'admins' };
const PLATFORM: RouteRule = { audience: 'superAdmin' };
const PRO_RESPONDERS: RouteRule = { audience: 'responders', pro: true };
const PRO_RESPONDERS_ON_IDS: RouteRule = { audience: 'responders', pro: true, tenantIds: true };

export const ROLE_MATRIX: Record<string, RouteRule> = {
  'GET /api/v1/health/live': PUBLIC,
  'GET /api/v1/health/ready': PUBLIC,
  'GET /api/v1/config/public': PUBLIC,
  'POST /api/v1/sales-leads': PUBLIC,

  'POST /api/v1/auth/register': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/refresh': PUBLIC,
  'POST /api/v1/auth/logout': PUBLIC,
  'POST /api/v1/auth/oauth/exchange': PUBLIC,
  'POST /api/v1/auth/verify-email': PUBLIC,
  'POST /api/v1/auth/password-reset/request': PUBLIC,
  'POST /api/v1/auth/password-reset/confirm': PUBLIC,
  'GET /api/v1/auth/oauth/{provider}': PUBLIC,
  'GET /api/v1/auth/oauth/{provider}/callback': PUBLIC,
  // API keys act for an account, not a person: the person-shaped routes refuse them.
  'GET /api/v1/auth/me': { audience: 'member', peopleOnly: true },
  'POST /api/v1/auth/stream-ticket': { audience: 'member', peopleOnly: true },
  'POST /api/v1/auth/resend-verification': { audience: 'member', peopleOnly: true },

  'POST /api/v1/accounts/invites': ADMINS,
  'GET /api/v1/accounts/invites': ADMINS,
  'DELETE /api/v1/accounts/invites/{id}': { audience: 'admins', tenantIds: true },
  'POST /api/v1/accounts/invites/{id}/resend': { audience: 'admins', tenantIds: true },
  'GET /api/v1/accounts/invites/{code}/lookup': PUBLIC,
  'GET /api/v1/accounts/members': ADMINS,
  'PATCH /api/v1/accounts/members/{userId}': { audience: 'admins', tenantIds: true },
  'DELETE /api/v1/accounts/members/{userId}': { audience: 'admins', tenantIds: true },
  'POST /api/v1/accounts/api-keys': ADMINS,
  'GET /api/v1/accounts/api-keys': ADMINS,
  'DELETE /api/v1/accounts/api-keys/{id}': { audience: 'admins', tenantIds: true },
  'GET /api/v1/accounts/integrations': ADMINS,
  'PUT /api/v1/accounts/integrations': ADMINS,
  'POST /api/v1/accounts/integrations/test': ADMINS,

  'PATCH /api/v1/users/me/onboarding-step': { audience: 'member', peopleOnly: true },
  'POST /api/v1/users/me/onboarding-dismiss-rest': { audience: 'member', peopleOnly: true },
  'GET /api/v1/users/me/notification-preferences': { audience: 'member', peopleOnly: true },
  'PUT /api/v1/users/me/notification-preferences': { audience: 'member', peopleOnly: true },

  'GET /api/v1/billing/plans': PUBLIC,
  'POST /api/v1/billing/webhook': PUBLIC,
  'GET /api/v1/billing/subscription': MEMBER,
  'POST /api/v1/billing/checkout-session': ADMINS,
  'GET /api/v1/billing/portal-session': ADMINS,

  'GET /api/v1/admin/plan-limits': PLATFORM,
  'PUT /api/v1/admin/plan-limits/{plan}': PLATFORM,
  'POST /api/v1/admin/invite-codes': PLATFORM,
  'GET /api/v1/admin/invite-codes': PLATFORM,
  'DELETE /api/v1/admin/invite-codes/{id}': PLATFORM,

  'GET /api/v1/notifications': { audience: 'member', peopleOnly: true },
  'GET /api/v1/notifications/unread-count': { audience: 'member', peopleOnly: true },
  'POST /api/v1/notifications/read-all': { audience: 'member', peopleOnly: true },
  'POST /api/v1/notifications/{id}/read': { audience: 'member', peopleOnly: true, tenantIds: true },

  'GET /api/v1/psa/connection': { audience: 'admins', pro: true },
  'PUT /api/v1/psa/connection': { audience: 'admins', pro: true },
  'DELETE /api/v1/psa/connection': { audience: 'admins', pro: true },
  'POST /api/v1/psa/connection/test': { audience: 'admins', pro: true },
  'GET /api/v1/psa/tickets': PRO_RESPONDERS,
  // A ticket number lives in the caller's own PSA, not in our tables: another account asks its own PSA (cross-tenant suite).
  'GET /api/v1/psa/tickets/{ticketId}': PRO_RESPONDERS,

  // Sessions: members may list and read (escalated sessions are open to the account); working them is for responders.
  'POST /api/v1/ai-sessions': PRO_RESPONDERS,
  'GET /api/v1/ai-sessions': { audience: 'member', pro: true },
  'GET /api/v1/ai-sessions/{id}': { audience: 'member', pro: true, tenantIds: true },
  'POST /api/v1/ai-sessions/{id}/resolve': PRO_RESPONDERS_ON_IDS,
  'POST /api/v1/ai-sessions/{id}/park': PRO_RESPONDERS_ON_IDS,
  'POST /api/v1/ai-sessions/{id}/messages': PRO_RESPONDERS_ON_IDS,
  'POST /api/v1/ai-sessions/{id}/fixes': PRO_RESPONDERS_ON_IDS,
  'PATCH /api/v1/ai-sessions/{id}/fixes/{fixId}/outcome': PRO_RESPONDERS_ON_IDS,
  'PUT /api/v1/ai-sessions/{id}/fixes/{fixId}/draft-script': PRO_RESPONDERS_ON_IDS,
  'PUT /api/v1/ai-sessions/{id}/psa-ticket': PRO_RESPONDERS_ON_IDS,
  'DELETE /api/v1/ai-sessions/{id}/psa-ticket': PRO_RESPONDERS_ON_IDS,
  'POST /api/v1/ai-sessions/{id}/psa-ticket/spin-off': PRO_RESPONDERS_ON_IDS,
  'POST /api/v1/script-builder/sessions': PRO_RESPONDERS,
  'GET /api/v1/script-builder/sessions': PRO_RESPONDERS,

  // Handoffs (SPEC §6): the engineer who owns the session escalates (a viewer owns none: 404; a key is no person: 403);
  // responders claim and watch the queue.
  // Whoever may read the session may see the escalation it waits on.
  'GET /api/v1/ai-sessions/{id}/handoff': { audience: 'member', pro: true, tenantIds: true },
  'POST /api/v1/ai-sessions/{id}/handoff': { audience: 'member', pro: true, tenantIds: true, peopleOnly: true },
  'POST /api/v1/ai-sessions/{id}/escalate': { audience: 'member', pro: true, tenantIds: true, peopleOnly: true },
  'POST /api/v1/ai-sessions/{id}/handoffs/{handoffId}/claim': PRO_RESPONDERS_ON_IDS,
  'POST /api/v1/ai-sessions/{id}/pickup': PRO_RESPONDERS_ON_IDS,
  'GET /api/v1/ai-sessions/escalations': PRO_RESPONDERS,
  'GET /api/v1/ai-sessions/escalations/stream': PRO_RESPONDERS,
  // Whom the caller may send an escalation to: only a person escalates, so a key has nobody to pick.
  'GET /api/v1/ai-sessions/escalation-targets': { audience: 'responders', pro: true, peopleOnly: true },

  // SPEC §7.
  'GET /api/v1/analytics/flowpilot/escalations': PRO_RESPONDERS,
};

export const CALLERS = ['anonymous', 'viewer', 'engineer', 'admin', 'owner', 'otherAccount', 'superAdmin', 'apiKey', 'lapsed'] as const;
export type Caller = (typeof CALLERS)[number];

/** `allowed`: past every guard (2xx, or a 4xx about the request itself such as 404 for an id that does not exist). */
export type Outcome = 'allowed' | 401 | 402 | 403 | 404;

const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, 'viewer' | 'engineer' | 'admin' | 'owner'> = {
  viewer: 'viewer',
  engineer: 'engineer',
  admin: 'admin',
  owner: 'owner',
  otherAccount: 'owner',
  superAdmin: 'owner',
  // The matrix's API key is an engineer key of the account.
  apiKey: 'engineer',
  lapsed: 'owner',
};

const AUDIENCE_ROLES: Record<Exclude<Audience, 'public' | 'superAdmin'>, string[]> = {
  member: ['viewer', 'engineer', 'admin', 'owner'],
  responders: ['engineer', 'admin', 'owner'],
  admins: ['admin', 'owner'],
};

/** What `caller` must get from a route with `rule`. */
export function expectedOutcome(rule: RouteRule, caller: Caller): Outcome {
  if (rule.audience === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (rule.audience === 'superAdmin') return caller === 'superAdmin' ? 'allowed' : 403;
  if (!AUDIENCE_ROLES[rule.audience].includes(ROLE_OF[caller])) return 403;
  if (rule.peopleOnly && caller === 'apiKey') return 403;
  if (rule.pro && caller === 'lapsed') return 402;
  if (rule.tenantIds && caller === 'otherAccount') return 404;
  return 'allowed';
}
