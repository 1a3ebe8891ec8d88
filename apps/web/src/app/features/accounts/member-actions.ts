import type { AccountInvite, Me, Member, Role } from '@resolutionflow/contracts';

export interface MemberActions {
  readonly canChangeRole: boolean;
  readonly canRemove: boolean;
  /** Roles the signed-in person may give this member. */
  readonly assignableRoles: readonly Role[];
}

const ALL_ROLES: readonly Role[] = ['owner', 'admin', 'engineer', 'viewer'];
const BELOW_OWNER: readonly Role[] = ['admin', 'engineer', 'viewer'];

/**
 * What the team page offers for one member, mirroring the API's rules so nobody is shown a button
 * that can only fail: nobody changes or removes themselves, and only owners touch ownership.
 */
export function memberActions(me: Pick<Me, 'id' | 'role'>, member: Pick<Member, 'id' | 'role'>): MemberActions {
  const manager = me.role === 'owner' || me.role === 'admin';
  const self = me.id === member.id;
  const mayTouch = manager && !self && (me.role === 'owner' || member.role !== 'owner');
  return {
    canChangeRole: mayTouch,
    canRemove: mayTouch,
    assignableRoles: me.role === 'owner' ? ALL_ROLES : BELOW_OWNER,
  };
}

/** Pending invitations can be resent or revoked; expired ones resent (which renews them); the rest are history. */
export function inviteActions(invite: Pick<AccountInvite, 'status'>): { readonly canResend: boolean; readonly canRevoke: boolean } {
  return {
    canResend: invite.status === 'pending' || invite.status === 'expired',
    canRevoke: invite.status === 'pending' || invite.status === 'expired',
  };
}
