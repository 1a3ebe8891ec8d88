import { Injectable } from '@nestjs/common';
import type { Role } from '@resolutionflow/contracts';
import { IsNull, type EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { UserEntity } from './user.entity.js';

export interface NewUser {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  emailVerifiedAt?: Date | null;
  googleSubject?: string | null;
  microsoftSubject?: string | null;
}

/** Every query on `users`. Cross-tenant lookups (sign-in by email, token owner) use the privileged connection. */
@Injectable()
export class UsersRepository {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly privileged: PrivilegedDatabase,
  ) {}

  insert(user: NewUser, manager: EntityManager): Promise<UserEntity> {
    return manager.save(UserEntity, manager.create(UserEntity, { emailVerifiedAt: null, ...user }));
  }

  /** Active or removed, any account: sign-in decides what a removed user may do. */
  findByEmailWithPassword(email: string): Promise<(UserEntity & { passwordHash: string | null }) | null> {
    return this.privileged.manager
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  findByEmail(email: string, manager: EntityManager = this.privileged.manager): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { email } });
  }

  findBySubject(provider: 'google' | 'microsoft', subject: string): Promise<UserEntity | null> {
    const where = provider === 'google' ? { googleSubject: subject } : { microsoftSubject: subject };
    return this.privileged.manager.findOne(UserEntity, { where });
  }

  /** The token owner, looked up before any tenant is known. */
  findActiveById(id: string): Promise<UserEntity | null> {
    return this.privileged.manager.findOne(UserEntity, { where: { id, removedAt: IsNull() } });
  }

  async linkSubject(userId: string, provider: 'google' | 'microsoft', subject: string): Promise<void> {
    const column = provider === 'google' ? { googleSubject: subject } : { microsoftSubject: subject };
    await this.privileged.manager.update(UserEntity, { id: userId }, column);
  }

  async markEmailVerified(userId: string, manager: EntityManager = this.privileged.manager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ emailVerifiedAt: () => 'coalesce(email_verified_at, now())' })
      .where('id = :userId', { userId })
      .execute();
  }

  async setPasswordHash(userId: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.update(UserEntity, { id: userId }, { passwordHash });
  }

  // Tenant-scoped reads and writes below: row-level security applies.

  findInAccount(id: string): Promise<UserEntity | null> {
    return this.tenant.manager().findOne(UserEntity, { where: { id, accountId: this.requireAccount() } });
  }

  listMembers(): Promise<UserEntity[]> {
    return this.tenant.manager().find(UserEntity, {
      where: { accountId: this.requireAccount(), removedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  countActiveOwners(): Promise<number> {
    return this.tenant.manager().count(UserEntity, {
      where: { accountId: this.requireAccount(), role: 'owner', removedAt: IsNull() },
    });
  }

  async updateRole(id: string, role: Role): Promise<void> {
    await this.tenant.manager().update(UserEntity, { id, accountId: this.requireAccount() }, { role });
  }

  async markRemoved(id: string): Promise<void> {
    await this.tenant.manager().update(UserEntity, { id, accountId: this.requireAccount() }, { removedAt: new Date() });
  }

  async updateOnboarding(id: string, patch: Partial<Pick<UserEntity, 'onboardingStepCompleted' | 'onboardingDismissed'>>): Promise<void> {
    await this.tenant.manager().update(UserEntity, { id, accountId: this.requireAccount() }, patch);
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This users query needs a tenant transaction');
    return accountId;
  }
}
