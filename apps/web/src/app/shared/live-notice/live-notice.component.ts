import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Announces the outcome of the latest action on a page, politely; takes no room while silent. */
@Component({
  selector: 'app-live-notice',
  template: `<p class="notice" aria-live="polite">{{ text() }}</p>`,
  styles: `
    :host {
      display: block;
    }
    .notice {
      margin: 0;

      &:not(:empty) {
        margin-block-end: var(--space-4);
        font-weight: 600;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LiveNoticeComponent {
  readonly text = input.required<string>();
}
