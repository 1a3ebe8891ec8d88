import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { SpinnerComponent } from '../spinner/spinner.component';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

/**
 * The product's button on a native `<button>` or `<a>`, so keyboard and screen-reader behaviour
 * stay the browser's. While `busy` it shows progress and ignores clicks but keeps focus (a
 * disabled button would drop it).
 */
@Component({
  selector: 'button[appButton], a[appButton]',
  imports: [SpinnerComponent],
  template: `
    @if (busy()) {
      <app-spinner class="busy" />
    }
    <ng-content />
  `,
  styleUrl: './button.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'btn',
    '[class.btn--primary]': "variant() === 'primary'",
    '[class.btn--secondary]': "variant() === 'secondary'",
    '[class.btn--danger]': "variant() === 'danger'",
    '[class.btn--ghost]': "variant() === 'ghost'",
    '[class.btn--small]': "size() === 'small'",
    '[attr.aria-busy]': 'busy() || null',
    '[attr.aria-disabled]': 'busy() || null',
    '(click)': 'guard($event)',
  },
})
export class ButtonComponent {
  readonly variant = input<ButtonVariant>('primary');
  readonly size = input<'normal' | 'small'>('normal');
  readonly busy = input(false);

  protected guard(event: Event): void {
    if (!this.busy()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}
