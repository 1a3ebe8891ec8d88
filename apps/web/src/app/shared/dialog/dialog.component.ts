import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  viewChild,
} from '@angular/core';

import { focusableIn } from './focusable';

let nextId = 0;

/**
 * A modal dialog on the native `<dialog>` (the rest of the page becomes inert). Tab and
 * Shift+Tab cycle inside it, Escape closes it, and focus returns to what opened it.
 */
@Component({
  selector: 'app-dialog',
  template: `
    <dialog
      #dialog
      class="dialog"
      [class.dialog--wide]="wide()"
      [attr.aria-labelledby]="headingId"
      (cancel)="onCancel($event)"
      (keydown)="trapTab($event)"
    >
      <h2 class="heading" [id]="headingId">{{ heading() }}</h2>
      <div class="body"><ng-content /></div>
      <div class="actions"><ng-content select="[dialogActions]" /></div>
    </dialog>
  `,
  styleUrl: './dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DialogComponent {
  readonly open = input(false);
  readonly heading = input.required<string>();
  /** Room for a larger form (two columns of fields). */
  readonly wide = input(false);
  /** Escape or a close button: the owner sets `open` back to false. */
  readonly dismissed = output<void>();

  protected readonly headingId = `dialog-heading-${++nextId}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly injector = inject(Injector);
  private opener: HTMLElement | null = null;

  constructor() {
    effect(() => (this.open() ? this.show() : this.hide()));
  }

  private show(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) return;
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom (unit tests) has no showModal; browsers all do.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    afterNextRender(
      () => {
        const preferred = dialog.querySelector<HTMLElement>('[autofocus]') ?? focusableIn(dialog)[0] ?? dialog;
        preferred.focus();
      },
      { injector: this.injector },
    );
  }

  private hide(): void {
    const dialog = this.dialog().nativeElement;
    if (!dialog.open && !dialog.hasAttribute('open')) return;
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
    this.opener?.focus();
    this.opener = null;
  }

  protected onCancel(event: Event): void {
    // The owner decides: the dialog closes when `open` turns false, so state and screen agree.
    event.preventDefault();
    this.dismissed.emit();
  }

  protected trapTab(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const focusable = focusableIn(this.dialog().nativeElement);
    if (!focusable.length) {
      event.preventDefault();
      return;
    }
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
}
