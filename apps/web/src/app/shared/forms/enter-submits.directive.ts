import { Directive, output } from '@angular/core';

/**
 * Chat-style typing in a textarea: Enter sends (`submitted`), Shift+Enter starts a new line.
 * Enter while an input method is composing (e.g. Japanese) is left to the input method.
 */
@Directive({
  selector: 'textarea[appEnterSubmits]',
  host: { '(keydown)': 'onKeydown($event)' },
})
export class EnterSubmitsDirective {
  readonly submitted = output<void>();

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.submitted.emit();
  }
}
