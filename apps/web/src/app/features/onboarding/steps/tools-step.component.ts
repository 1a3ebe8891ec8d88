import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { ToolsStepData } from '@resolutionflow/contracts';

type Psa = NonNullable<ToolsStepData['psa']>;
type Chat = 'slack' | 'teams';

/** Step 3 "Connect your tools": which PSA and chat tools the team uses, so setup can follow. */
@Component({
  selector: 'app-tools-step',
  imports: [FormsModule],
  template: `
    <form [id]="formId()" class="stack" novalidate (ngSubmit)="submit()">
      <fieldset class="stack-tight">
        <legend>Which PSA does your team use?</legend>
        @for (option of psaOptions; track option.value) {
          <label class="choice">
            <input type="radio" name="psa" [value]="option.value" [(ngModel)]="psa" />
            {{ option.label }}
          </label>
        }
      </fieldset>
      <fieldset class="stack-tight">
        <legend>Where should escalations reach your seniors?</legend>
        @for (option of chatOptions; track option.value) {
          <label class="choice">
            <input
              type="checkbox"
              [name]="'chat-' + option.value"
              [checked]="chat().includes(option.value)"
              (change)="toggle(option.value, $any($event.target).checked)"
            />
            {{ option.label }}
          </label>
        }
      </fieldset>
      <p class="muted note">
        You connect ConnectWise under Settings → Integrations once you are in; this only tells us what to set up first.
      </p>
    </form>
  `,
  styles: `
    .stack-tight {
      display: grid;
      gap: var(--space-2);
    }
    legend {
      margin-block-end: var(--space-2);
    }
    .note {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToolsStepComponent {
  readonly formId = input.required<string>();
  readonly completed = output<ToolsStepData>();

  protected readonly psaOptions: readonly { value: Psa; label: string }[] = [
    { value: 'connectwise', label: 'ConnectWise Manage' },
    { value: 'other', label: 'Another PSA' },
    { value: 'none', label: 'No PSA yet' },
  ];
  protected readonly chatOptions: readonly { value: Chat; label: string }[] = [
    { value: 'slack', label: 'Slack' },
    { value: 'teams', label: 'Microsoft Teams' },
  ];
  protected readonly psa = signal<Psa | undefined>(undefined);
  protected readonly chat = signal<readonly Chat[]>([]);

  protected toggle(value: Chat, on: boolean): void {
    this.chat.update((chosen) => (on ? [...chosen.filter((c) => c !== value), value] : chosen.filter((c) => c !== value)));
  }

  protected submit(): void {
    const psa = this.psa();
    this.completed.emit({ ...(psa ? { psa } : {}), chat: [...this.chat()] });
  }
}
