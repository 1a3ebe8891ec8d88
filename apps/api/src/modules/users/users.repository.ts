import { Injectable } from '@nestjs/common';
import type { Role } from '@resolutionflow/contracts';
import { IsNull, type EntityManager } from 'typeorm';
import { toPage } from '../../core/database/keyset-page.js';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { queryRows, uuidLiteral } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { UserEntity } from './user.entity.js';

export interface Responder {
  id: string;
  name: string;
  email: string;
  role: Role;
  emailNotifications: boolean;
}

const PRINCIPAL_SELECT = `select id, account_id as "accountId", role, super_admin as "superAdmin", email_verified_at as "emailVerifiedAt",
       created_at as "createdAt", name, email
  from users`;

/** What every authenticated request needs to know about its user. */
export interface PrincipalUser {
  id: string;
  accountId: string;
  role: Role;
  superAdmin: boolean;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  name: string;
  email: string;
}

export interface NewUser {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  emailVerifiedAt?: Date | null;
  googleSubject?: string | null;
  microsoftSubject?: string | null;
  onboardingStepCompleted?: number | null;
  onboardingDismissed?: boolean;
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

  /**
   * The token owner as the auth guard needs it, on every request: one primary-key lookup written
   * out, since building the same statement through the entity metadata each time cost more CPU
   * than running it.
   */
  async findActivePrincipal(id: string): Promise<PrincipalUser | null> {
    const [row] = await queryRows<PrincipalUser>(this.privileged.manager, `${PRINCIPAL_SELECT} where id = $1 and removed_at is null`, [id]);
    return row ?? null;
  }

  /**
   * The same lookup as one literal statement, for the first round trip of the request's tenant
   * transaction (see `TenantDatabase.open`); its single row, if any, is a `PrincipalUser`.
   */
  activePrincipalStatement(id: string, accountId: string): string {
    return `${PRINCIPAL_SELECT} where id = ${uuidLiteral(id)} and account_id = ${uuidLiteral(accountId)} and removed_at is null`;
  }

  /** The token owner, looked up before any tenant is known. */
  findActiveById(id: string): Promise<UserEntity | null> {
    return this.privileged.manager.findOne(UserEntity, { where: { id, removedAt: IsNull() } });
  }

  async linkSubject(userId: string, provider: 'google' | 'microsoft', subject: string, manager: EntityManager = this.privileged.manager): Promise<void> {
    const column = provider === 'google' ? { googleSubject: subject } : { microsoftSubject: subject };
    await manager.update(UserEntity, { id: userId }, column);
  }

  async markEmailVerified(userId: string, manager: EntityManager = this.privileged.manager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ emailVerifiedAt: () => 'coalesce(email_verified_at, now())' })
      .where('id = :userId', { userId })
      .execute();
  }

  /** Platform operators are made from the ops CLI only; false when no active user has that email. */
  async grantSuperAdmin(email: string): Promise<boolean> {
    const result = await this.privileged.manager.update(UserEntity, { email, removedAt: IsNull() }, { superAdmin: true });
    return (result.affected ?? 0) === 1;
  }

  async setPasswordHash(userId: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.update(UserEntity, { id: userId }, { passwordHash });
  }

  /** Password sign-in ends for the user; a password reset sets a new one. */
  async clearPassword(userId: string, manager: EntityManager): Promise<void> {
    await manager.update(UserEntity, { id: userId }, { passwordHash: null });
  }

  // Tenant-scoped reads and writes below: row-level security applies.

  findActiveInAccount(id: string): Promise<UserEntity | null> {
    return this.tenant.manager().findOne(UserEntity, { where: { id, accountId: this.requireAccount(), removedAt: IsNull() } });
  }

  /** Active members, oldest first, `limit` per page after the member `afterId`. */
  async pageMembers(limit: number, afterId?: string) {
    const accountId = this.requireAccount();
    const query = this.tenant
      .manager()
      .createQueryBuilder(UserEntity, 'u')
      .where('u.account_id = :accountId and u.removed_at is null', { accountId });
    if (afterId) {
      query.andWhere('(u.created_at, u.id) > (select created_at, id from users where id = :afterId and account_id = :accountId)', {
        afterId,
      });
    }
    const rows = await query.orderBy('u.createdAt', 'ASC').addOrderBy('u.id', 'ASC').limit(limit + 1).getMany();
    return toPage(rows, limit);
  }

  /**
   * Locks the account's active owners until the transaction ends and returns their ids, so two
   * owners demoting or removing each other at once cannot leave the account without one.
   */
  async lockActiveOwnerIds(): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.tenant.manager(),
      `select id from users where account_id = $1 and role = 'owner' and removed_at is null for update`,
      [this.requireAccount()],
    );
    return rows.map((r) => r.id);
  }

  async updateRole(id: string, role: Role): Promise<void> {
    await this.tenant.manager().update(UserEntity, { id, accountId: this.requireAccount() }, { role });
  }

  async markRemoved(id: string): Promise<void> {
    await this.tenant.manager().update(UserEntity, { id, accountId: this.requireAccount() }, { removedAt: new Date() });
  }

  async updateOnboarding(
    id: string,
    patch: Partial<Pick<UserEntity, 'onboardingStepCompleted' | 'onboardingDismissed' | 'jobRole'>>,
  ): Promise<void> {
    await this.tenant.manager().update(UserEntity, { id, accountId: this.requireAccount() }, patch);
  }

  /**
   * The user's wizard progress, row-locked until the transaction ends, so two tabs completing a
   * step at once apply it once. Null when the user is not an active member of the tenant.
   */
  async lockOnboardingState(id: string): Promise<Pick<UserEntity, 'onboardingStepCompleted' | 'onboardingDismissed'> | null> {
    const rows = await queryRows<Pick<UserEntity, 'onboardingStepCompleted' | 'onboardingDismissed'>>(
      this.tenant.manager(),
      `select onboarding_step_completed as "onboardingStepCompleted", onboarding_dismissed as "onboardingDismissed"
         from users where id = $1 and account_id = $2 and removed_at is null for update`,
      [id, this.requireAccount()],
    );
    return rows[0] ?? null;
  }

  /** Active people who can take an escalation (engineers, admins, owners), with their email preference. */
  listResponders(): Promise<Responder[]> {
    return queryRows<Responder>(
      this.tenant.manager(),
      `select id, name, email, role, email_notifications as "emailNotifications"
         from users
        where account_id = $1 and removed_at is null and role in ('engineer', 'admin', 'owner')
        order by created_at`,
      [this.requireAccount()],
    );
  }

  async setEmailNotifications(id: string, enabled: boolean): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.tenant.manager(),
      `update users set email_notifications = $3 where account_id = $1 and id = $2 and removed_at is null returning id`,
      [this.requireAccount(), id, enabled],
    );
    return rows.length === 1;
  }

  async emailNotificationsOf(id: string): Promise<boolean | null> {
    const [row] = await queryRows<{ enabled: boolean }>(
      this.tenant.manager(),
      `select email_notifications as enabled from users where account_id = $1 and id = $2`,
      [this.requireAccount(), id],
    );
    return row?.enabled ?? null;
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This users query needs a tenant transaction');
    return accountId;
  }
}
