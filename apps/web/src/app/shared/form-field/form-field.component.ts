import { ChangeDetectionStrategy, Component, computed, Directive, inject, input } from '@angular/core';

let nextId = 0;

/**
 * A labelled form control: label, the projected `appControl` element, an optional hint and the
 * field's error. The control gets the ids that tie label, hint and error to it, so screen
 * readers read all three.
 */
@Component({
  selector: 'app-form-field',
  template: `
    <label class="label" [attr.for]="controlId">
      {{ label() }}
      @if (optional()) {
        <span class="optional">(optional)</span>
      }
    </label>
    @if (hint()) {
      <p class="hint" [id]="hintId">{{ hint() }}</p>
    }
    <ng-content />
    @if (error()) {
      <p class="error" [id]="errorId">{{ error() }}</p>
    }
  `,
  styleUrl: './form-field.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.invalid]': '!!error()' },
})
export class FormFieldComponent {
  readonly label = input.required<string>();
  readonly hint = input<string>('');
  readonly error = input<string | null | undefined>(null);
  readonly optional = input(false);

  private readonly baseId = `field-${++nextId}`;
  readonly controlId = `${this.baseId}-control`;
  readonly hintId = `${this.baseId}-hint`;
  readonly errorId = `${this.baseId}-error`;

  readonly describedBy = computed(() => {
    const ids = [this.hint() ? this.hintId : null, this.error() ? this.errorId : null].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  });
}

/** Marks the input, select or textarea of an `app-form-field`, wiring its id and ARIA state. */
@Directive({
  selector: 'input[appControl], select[appControl], textarea[appControl]',
  host: {
    class: 'control',
    '[id]': 'field.controlId',
    '[attr.aria-describedby]': 'field.describedBy()',
    '[attr.aria-invalid]': 'field.error() ? "true" : null',
  },
})
export class ControlDirective {
  protected readonly field = inject(FormFieldComponent);
}
