import { computed, ElementRef, inject, Injector, signal } from '@angular/core';

import { ApiError, describeError, toApiError } from '../../core/api/api-error';
import { FieldErrors, fieldErrorsFromApi, Validation } from './field-errors';
import { focusFirstInvalid } from './focus-first-invalid';

/** Request paths → the form's field names, where the two differ ("limits.seats" → "seats"). */
export type FieldOf = (path: string) => string;

/**
 * The submit cycle every form shares: one send at a time; a value that fails its check marks its
 * fields and moves focus to the first; what the API refuses is shown per field and as a sentence.
 */
export class FormSubmission {
  readonly busy = signal(false);
  readonly errors = signal<FieldErrors>({});
  private readonly failure = signal<ApiError | null>(null);
  /** Why the API refused the last send, for the top of the form. */
  readonly error = computed(() => {
    const failure = this.failure();
    return failure ? describeError(failure) : null;
  });
  /** The code of that refusal, for pages that answer some codes in their own way. */
  readonly errorCode = computed(() => this.failure()?.code ?? null);

  constructor(
    private readonly host: HTMLElement,
    private readonly injector: Injector,
    private readonly fieldOf: FieldOf = (path) => path,
  ) {}

  /** Sends the checked value with `send`, or marks the fields that need attention. */
  async submit<T>(checked: Validation<T>, send: (data: T) => Promise<unknown>): Promise<void> {
    if (this.busy()) return;
    this.failure.set(null);
    if (!checked.ok) {
      this.errors.set(this.renamed(checked.errors));
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    this.errors.set({});
    this.busy.set(true);
    try {
      await send(checked.data);
    } catch (error) {
      this.errors.set(this.renamed(fieldErrorsFromApi(error)));
      this.failure.set(toApiError(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** Forgets the errors, for a form opened afresh. */
  reset(): void {
    this.errors.set({});
    this.failure.set(null);
  }

  private renamed(errors: FieldErrors): FieldErrors {
    const renamed: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) renamed[this.fieldOf(path)] ??= message;
    return renamed;
  }
}

/** A FormSubmission for the component being created; call in its injection context (a field). */
export function formSubmission(fieldOf?: FieldOf): FormSubmission {
  return new FormSubmission(inject(ElementRef<HTMLElement>).nativeElement, inject(Injector), fieldOf);
}
