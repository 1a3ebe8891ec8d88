import { Inject, Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PoolClient, QueryResult } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { APP_DATA_SOURCE } from './data-sources.js';
import { uuidLiteral } from './sql.js';

interface TenantScope {
  accountId: string;
  manager: EntityManager;
}

/**
 * An open transaction bound to one account, not yet running any work: the auth guard opens the
 * request's (reading its user in the same round trip) and the tenant interceptor completes it.
 */
export class TenantTransaction {
  private state: 'open' | 'running' | 'closed' = 'open';

  constructor(
    readonly accountId: string,
    private readonly runner: QueryRunner,
    private readonly scope: AsyncLocalStorage<TenantScope>,
  ) {}

  /** Whether `complete` may still run work in it (nobody else took it and it was not abandoned). */
  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Runs `work` in the transaction: commits when it succeeds, rolls back when it throws; releases the connection either way. */
  async complete<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.state !== 'open') throw new Error('This tenant transaction is already running or closed');
    this.state = 'running';
    const manager = this.runner.manager;
    try {
      const result = await this.scope.run({ accountId: this.accountId, manager }, () => work(manager));
      await this.runner.commitTransaction();
      return result;
    } catch (error) {
      await this.runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      this.state = 'closed';
      await this.runner.release();
    }
  }

  /** Rolls back and releases a transaction no work was run in (its request was refused or its client left); idempotent. */
  async abandon(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closed';
    try {
      await this.runner.rollbackTransaction();
    } catch {
      // A dead connection has no transaction left to undo; the pool discards it on release.
    } finally {
      await this.runner.release();
    }
  }
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
    const { transaction } = await this.open(accountId);
    return transaction.complete(work);
  }

  /**
   * Starts a transaction bound to `accountId` and answers the rows of `firstStatement`, run in it.
   * Starting, binding and the first read go to PostgreSQL as one simple-protocol message: the
   * per-request round trips are most of what a short request costs. The simple protocol takes no
   * parameters, so `firstStatement` may only carry literals made by `uuidLiteral`.
   */
  async open(accountId: string, firstStatement?: string): Promise<{ transaction: TenantTransaction; rows: Record<string, unknown>[] }> {
    const statements = [`START TRANSACTION`, `SELECT set_config('app.account_id', ${uuidLiteral(accountId)}, true)`];
    if (firstStatement) statements.push(firstStatement);
    const runner = this.dataSource.createQueryRunner();
    let client: PoolClient | undefined;
    try {
      client = (await runner.connect()) as PoolClient;
      const results = (await client.query(statements.join(';\n'))) as unknown as QueryResult[];
      markTransactionStarted(runner);
      return {
        transaction: new TenantTransaction(accountId, runner, this.scope),
        rows: firstStatement ? (results[results.length - 1]!.rows as Record<string, unknown>[]) : [],
      };
    } catch (error) {
      // A failure after START TRANSACTION leaves an aborted transaction on the connection: end it before the pool reuses it.
      await client?.query('ROLLBACK').catch(() => undefined);
      await runner.release();
      throw error;
    }
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

  /** The open transaction's manager when it belongs to `accountId`, for work that must commit (or not) with it. */
  managerFor(accountId: string): EntityManager | undefined {
    const current = this.scope.getStore();
    return current?.accountId === accountId ? current.manager : undefined;
  }
}

/**
 * Records on TypeORM's query runner what its own `startTransaction` would have, so that its
 * commit, rollback and savepoints (nested `manager.transaction`) work on a transaction started by
 * our combined statement. Guarded by the tenancy and transaction tests.
 */
function markTransactionStarted(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}
