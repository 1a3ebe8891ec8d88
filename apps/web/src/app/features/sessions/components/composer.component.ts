import { ChangeDetectionStrategy, Component, computed, ElementRef, input, model, output, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { postMessageRequestSchema } from '@resolutionflow/contracts';

import { ButtonComponent } from '../../../shared/button/button.component';
import { EnterSubmitsDirective } from '../../../shared/forms/enter-submits.directive';

let nextId = 0;

/** The longest message the API takes. */
export const MESSAGE_MAX_LENGTH = postMessageRequestSchema.shape.content.maxLength ?? Number.MAX_SAFE_INTEGER;
// The count shows from here on, so a long paste is not cut off unnoticed.
const COUNT_FROM = Math.floor(MESSAGE_MAX_LENGTH * 0.9);

/**
 * Where the engineer writes to the assistant: Enter sends, Shift+Enter starts a new line.
 * Suggested next steps from the assessment sit above it as chips: a click puts the step in the
 * box (to edit and send), the X hides them.
 */
@Component({
  selector: 'app-composer',
  imports: [ButtonComponent, EnterSubmitsDirective, FormsModule],
  template: `
    @if (chips().length) {
      <div class="chips" role="group" [attr.aria-labelledby]="chipsLabelId">
        <span class="chips-label" [id]="chipsLabelId">Suggested next steps</span>
        <ul class="chip-list">
          @for (chip of chips(); track $index) {
            <li><button type="button" class="chip" (click)="useChip(chip)">{{ chip }}</button></li>
          }
        </ul>
        <button type="button" class="chips-close" (click)="chipsDismissed.emit()">
          <span aria-hidden="true">×</span><span class="visually-hidden">Hide suggested next steps</span>
        </button>
      </div>
    }
    <form class="composer" novalidate (ngSubmit)="send()">
      <label class="visually-hidden" [for]="fieldId">{{ label() }}</label>
      <textarea
        #field
        class="control"
        rows="3"
        name="message"
        [id]="fieldId"
        [attr.aria-describedby]="hintId"
        [placeholder]="placeholder()"
        [disabled]="disabled()"
        [maxlength]="maxLength"
        [(ngModel)]="text"
        appEnterSubmits
        (submitted)="send()"
      ></textarea>
      <div class="foot">
        <p class="hint" [id]="hintId">
          Enter sends · Shift+Enter for a new line
          @if (length() >= countFrom) {
            <span class="count" [class.full]="length() >= maxLength">· {{ length().toLocaleString('en-US') }} of {{ maxLength.toLocaleString('en-US') }} characters</span>
          }
        </p>
        <button appButton type="submit" [busy]="busy()" [disabled]="disabled()">Send</button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: grid;
      gap: var(--space-2);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2);
    }
    .chips-label {
      color: var(--color-text-muted);
      font-size: var(--text-sm);
      font-weight: 600;
    }
    .chip-list {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chip {
      max-inline-size: 28rem;
      padding: var(--space-1) var(--space-3);
      border: 1px solid var(--color-accent);
      border-radius: var(--radius-pill);
      background: var(--color-accent-subtle);
      color: var(--color-accent);
      font: inherit;
      font-size: var(--text-sm);
      text-align: start;
      cursor: pointer;
      transition: background-color var(--duration-fast) ease;
    }
    .chip:hover {
      background: var(--color-hover);
    }
    .chips-close {
      padding: 0 var(--space-2);
      border: 0;
      background: none;
      color: var(--color-text-muted);
      font-size: var(--text-lg);
      cursor: pointer;
    }
    .composer {
      display: grid;
      gap: var(--space-2);
    }
    .foot {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--space-3);
    }
    .hint {
      margin: 0;
      color: var(--color-text-muted);
      font-size: var(--text-sm);
    }
    .count.full {
      color: var(--color-danger-fg);
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComposerComponent {
  readonly chips = input<readonly string[]>([]);
  readonly busy = input(false);
  readonly disabled = input(false);
  readonly label = input('Message the assistant');
  readonly placeholder = input('Describe what you tried or what you see…');
  readonly text = model('');
  /** The trimmed message; the owner clears the box once it is accepted. */
  readonly sent = output<string>();
  readonly chipsDismissed = output<void>();

  protected readonly fieldId = `composer-${++nextId}`;
  protected readonly hintId = `${this.fieldId}-hint`;
  protected readonly chipsLabelId = `${this.fieldId}-chips`;
  protected readonly maxLength = MESSAGE_MAX_LENGTH;
  protected readonly countFrom = COUNT_FROM;
  protected readonly length = computed(() => this.text().length);
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  focus(): void {
    this.field().nativeElement.focus();
  }

  protected useChip(step: string): void {
    this.text.set(step);
    const field = this.field().nativeElement;
    // The model reaches the textarea on the next render; set it now so the caret can go to the end.
    field.value = step;
    field.focus();
    field.setSelectionRange(step.length, step.length);
  }

  protected send(): void {
    const message = this.text().trim();
    if (!message || this.busy() || this.disabled()) return;
    this.sent.emit(message);
  }
}
