import { signal, WritableSignal } from '@angular/core';

import { describeError } from '../../core/api/api-error';

/**
 * An action on one item that waits for a "yes" in a dialog: which item is asked about, whether
 * the action runs, what went wrong, and what to announce when it is done. `act` does the work
 * and answers the sentence to announce, if any. The confirmations of one page may share its
 * `notice`, so that only the latest outcome is announced.
 */
export class Confirmation<T> {
  readonly target = signal<T | null>(null);
  readonly working = signal(false);
  readonly error = signal<string | null>(null);

  constructor(
    private readonly act: (item: T) => Promise<string | void>,
    readonly notice: WritableSignal<string> = signal(''),
  ) {}

  ask(item: T): void {
    this.error.set(null);
    this.notice.set('');
    this.target.set(item);
  }

  cancel(): void {
    if (!this.working()) this.target.set(null);
  }

  async confirm(): Promise<void> {
    const item = this.target();
    if (item === null || this.working()) return;
    this.working.set(true);
    this.error.set(null);
    try {
      this.notice.set((await this.act(item)) ?? '');
      this.target.set(null);
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.working.set(false);
    }
  }
}
