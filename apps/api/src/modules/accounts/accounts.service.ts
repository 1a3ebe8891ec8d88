import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from '../../core/audit/audit.repository.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import type { AccountEntity } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { auditEntry } from './audit-entry.js';

@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditRepository,
  ) {}

  createAccount(name: string, manager?: EntityManager, id?: string): Promise<AccountEntity> {
    return this.accounts.create(name.trim(), manager, id);
  }

  currentAccount(): Promise<AccountEntity | null> {
    return this.accounts.findCurrent();
  }

  /** Renames the caller's account inside its tenant transaction; owners and admins only. */
  async renameAccount(actor: Principal, name: string): Promise<void> {
    if (actor.role !== 'owner' && actor.role !== 'admin') throw AppError.forbidden('Admin access required');
    const account = await this.accounts.findCurrent();
    if (!account) throw new Error('Renaming an account needs its tenant transaction');
    const next = name.trim();
    if (next === account.name) return;
    await this.accounts.rename(next);
    await this.audit.record(auditEntry(actor, 'account.renamed', { type: 'account', id: account.id }, { from: account.name, to: next }));
  }
}
