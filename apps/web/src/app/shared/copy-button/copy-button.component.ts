import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

import { ButtonComponent } from '../button/button.component';

/** Copies `text` to the clipboard and says so, for screen readers too. */
@Component({
  selector: 'app-copy-button',
  imports: [ButtonComponent],
  template: `
    <button appButton type="button" variant="secondary" size="small" (click)="copy()">{{ label() }}</button>
    <span class="result" aria-live="polite">{{ result() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: var(--space-2);
    }
    .result {
      font-size: var(--text-sm);
      color: var(--color-text-muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CopyButtonComponent {
  readonly text = input.required<string>();
  readonly label = input('Copy');
  protected readonly result = signal('');

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.result.set('Copied to the clipboard.');
    } catch {
      // Clipboard access needs a secure context and permission; the text stays selectable.
      this.result.set('Copying was blocked by the browser: select the text and copy it by hand.');
    }
  }
}
