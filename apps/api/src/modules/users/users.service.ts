import { Injectable } from '@nestjs/common';
import type { Role } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from './user.entity.js';
import { UsersRepository, type NewUser } from './users.repository.js';

/** The users of an account, as other modules see them. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  create(user: NewUser, manager: EntityManager): Promise<UserEntity> {
    return this.users.insert(user, manager);
  }
  findByEmailWithPassword(email: string) {
    return this.users.findByEmailWithPassword(email);
  }
  findByEmail(email: string, manager?: EntityManager) {
    return this.users.findByEmail(email, manager);
  }
  findBySubject(provider: 'google' | 'microsoft', subject: string) {
    return this.users.findBySubject(provider, subject);
  }
  findActiveById(id: string) {
    return this.users.findActiveById(id);
  }
  findActivePrincipal(id: string) {
    return this.users.findActivePrincipal(id);
  }
  activePrincipalStatement(id: string, accountId: string) {
    return this.users.activePrincipalStatement(id, accountId);
  }
  linkSubject(userId: string, provider: 'google' | 'microsoft', subject: string, manager?: EntityManager) {
    return this.users.linkSubject(userId, provider, subject, manager);
  }
  markEmailVerified(userId: string, manager?: EntityManager) {
    return this.users.markEmailVerified(userId, manager);
  }
  grantSuperAdmin(email: string) {
    return this.users.grantSuperAdmin(email);
  }
  setPasswordHash(userId: string, hash: string, manager: EntityManager) {
    return this.users.setPasswordHash(userId, hash, manager);
  }
  clearPassword(userId: string, manager: EntityManager) {
    return this.users.clearPassword(userId, manager);
  }
  findActiveInAccount(id: string) {
    return this.users.findActiveInAccount(id);
  }
  pageMembers(limit: number, afterId?: string) {
    return this.users.pageMembers(limit, afterId);
  }
  lockActiveOwnerIds() {
    return this.users.lockActiveOwnerIds();
  }
  updateRole(id: string, role: Role) {
    return this.users.updateRole(id, role);
  }
  markRemoved(id: string) {
    return this.users.markRemoved(id);
  }
  updateOnboarding(id: string, patch: Parameters<UsersRepository['updateOnboarding']>[1]) {
    return this.users.updateOnboarding(id, patch);
  }
  lockOnboardingState(id: string) {
    return this.users.lockOnboardingState(id);
  }

  listResponders() {
    return this.users.listResponders();
  }
  setEmailNotifications(id: string, enabled: boolean) {
    return this.users.setEmailNotifications(id, enabled);
  }
  emailNotificationsOf(id: string) {
    return this.users.emailNotificationsOf(id);
  }
}
