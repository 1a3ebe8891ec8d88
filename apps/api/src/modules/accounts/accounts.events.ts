/** Events the accounts module emits; listeners take the name and payload type from here. */
export const USER_REMOVED = 'user.removed';

export interface UserRemovedEvent {
  userId: string;
  accountId: string;
}
