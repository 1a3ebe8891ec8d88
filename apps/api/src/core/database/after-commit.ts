import { EventSubscriber, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';

interface Pending {
  /** The transaction depth the callback was registered at (savepoints nest deeper). */
  depth: number;
  run: () => void;
}

const pending = new WeakMap<QueryRunner, Pending[]>();

/**
 * Runs `callback` once the transaction `manager` belongs to has committed (at once when there is
 * none), and never if it rolls back. For side effects outside PostgreSQL that must not announce
 * a change before it is visible, or at all for a change that was undone.
 */
export function afterCommit(manager: EntityManager, callback: () => void): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    callback();
    return;
  }
  const list = pending.get(runner) ?? [];
  list.push({ depth: (runner as QueryRunner & { transactionDepth?: number }).transactionDepth ?? 1, run: callback });
  pending.set(runner, list);
}

/** Registered on every data source: fires the callbacks of `afterCommit` at the outermost commit. */
@EventSubscriber()
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    // A released savepoint is not a commit: the outer transaction may still roll back.
    if (runner.isTransactionActive) return;
    const callbacks = pending.get(runner) ?? [];
    pending.delete(runner);
    for (const { run } of callbacks) {
      try {
        run();
      } catch {
        // A failing announcement must not surface as a failed commit.
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner as QueryRunner & { transactionDepth?: number };
    if (!runner.isTransactionActive) {
      pending.delete(runner);
      return;
    }
    // Rolled back to a savepoint: drop what was registered inside it.
    const depth = runner.transactionDepth ?? 1;
    pending.set(runner, (pending.get(runner) ?? []).filter((p) => p.depth <= depth));
  }
}
