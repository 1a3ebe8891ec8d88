import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
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

/** Where focus goes when the opener is gone: the layouts' main region (focusable, `tabindex="-1"`). */
function mainRegion(): HTMLElement | null {
  return document.getElementById('main');
}

/**
 * A modal dialog on the native `<dialog>` (the rest of the page becomes inert). Tab and
 * Shift+Tab cycle inside it, Escape closes it, and focus returns to what opened it — or to the
 * main region when that is gone (an Escalate button disappears once the session is escalated).
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
  private watchingOpener: MutationObserver | null = null;

  constructor() {
    effect(() => (this.open() ? this.show() : this.hide()));
    inject(DestroyRef).onDestroy(() => this.stopWatchingOpener());
  }

  private show(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) return;
    this.stopWatchingOpener();
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
    this.returnFocus(this.opener);
    this.opener = null;
  }

  private returnFocus(opener: HTMLElement | null): void {
    if (!opener?.isConnected) {
      mainRegion()?.focus();
      return;
    }
    opener.focus();
    // The owner may still remove the opener once its follow-up finishes (the page reloading after
    // an escalation); focus would fall to the body, so it moves on to the main region instead.
    const observer = new MutationObserver(() => {
      if (opener.isConnected && document.activeElement === opener) return;
      this.stopWatchingOpener();
      const lost = document.activeElement === null || document.activeElement === document.body || document.activeElement === opener;
      if (!opener.isConnected && lost) mainRegion()?.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    this.watchingOpener = observer;
  }

  private stopWatchingOpener(): void {
    this.watchingOpener?.disconnect();
    this.watchingOpener = null;
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
