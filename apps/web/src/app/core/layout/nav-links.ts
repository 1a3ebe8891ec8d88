import type { Me, Role } from '@resolutionflow/contracts';

export interface NavLink {
  readonly path: string;
  readonly label: string;
  /** Highlight only on this exact URL, not on its children. */
  readonly exact?: boolean;
  /** Shown only to these roles of the account (all roles when absent). */
  readonly roles?: readonly Role[];
  /** Shown only to platform operators. */
  readonly superAdmin?: boolean;
}

const MANAGERS: readonly Role[] = ['owner', 'admin'];
/** Who takes escalations (the API refuses viewers the queue, the stream and the analytics). */
const RESPONDERS: readonly Role[] = ['owner', 'admin', 'engineer'];

/** Top-bar navigation; a feature adds its line here when its route exists. */
export const NAV_LINKS: readonly NavLink[] = [
  { path: '/', label: 'Home', exact: true },
  { path: '/pilot', label: 'Sessions' },
  { path: '/escalations', label: 'Escalations', roles: RESPONDERS },
  { path: '/analytics', label: 'Analytics', roles: RESPONDERS },
  { path: '/team', label: 'Team', roles: MANAGERS },
  { path: '/billing', label: 'Billing', roles: MANAGERS },
  { path: '/settings/integrations', label: 'Integrations', roles: MANAGERS },
  { path: '/settings/api-keys', label: 'API keys', roles: MANAGERS },
  { path: '/admin/plans', label: 'Plans', superAdmin: true },
  { path: '/admin/invite-codes', label: 'Invite codes', superAdmin: true },
  { path: '/status', label: 'System status' },
];

/** The links `me` may follow. */
export function navLinksFor(me: Pick<Me, 'role' | 'superAdmin'> | null): NavLink[] {
  if (!me) return [];
  return NAV_LINKS.filter((link) => (!link.roles || link.roles.includes(me.role)) && (!link.superAdmin || me.superAdmin));
}
