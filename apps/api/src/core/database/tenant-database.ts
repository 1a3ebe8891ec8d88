import { Inject, Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_DATA_SOURCE } from './data-sources.js';

interface TenantScope {
  accountId: string;
  manager: EntityManager;
}

/**
 * The tenant wall under the application's own `where account_id = …` filters: every tenant
 * query runs inside one transaction whose `app.account_id` setting drives row-level security.
 * The setting is transaction-local (`set_config(…, true)`), so it can never leak through the pool.
 */
@Injectable()
export class TenantDatabase {
  private readonly scope = new AsyncLocalStorage<TenantScope>();

  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction bound to `accountId`; a nested call joins the open transaction. */
  async run<T>(accountId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) {
      if (current.accountId !== accountId) throw new Error('A tenant transaction cannot switch accounts');
      return work(current.manager);
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.account_id', $1, true)`, [accountId]);
      return this.scope.run({ accountId, manager }, () => work(manager));
    });
  }

  /** The open tenant transaction's manager; calling it outside one is a programming error. */
  manager(): EntityManager {
    const current = this.scope.getStore();
    if (!current) throw new Error('No tenant transaction is open for this call');
    return current.manager;
  }

  accountId(): string | undefined {
    return this.scope.getStore()?.accountId;
  }
}
