import type { Member } from '@resolutionflow/contracts';
import type { UserEntity } from '../../users/user.entity.js';

export function mapMember(user: UserEntity): Member {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}
