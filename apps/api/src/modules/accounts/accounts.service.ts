import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccountEntity } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';

@Injectable()
export class AccountsService {
  constructor(private readonly accounts: AccountsRepository) {}

  createAccount(name: string, manager?: EntityManager, id?: string): Promise<AccountEntity> {
    return this.accounts.create(name.trim(), manager, id);
  }

  currentAccount(): Promise<AccountEntity | null> {
    return this.accounts.findCurrent();
  }
}
