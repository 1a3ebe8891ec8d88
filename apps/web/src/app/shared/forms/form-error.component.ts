import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { AlertComponent } from '../alert/alert.component';
import { FormSubmission } from './form-submission';

/** Why the API refused a form, read out at once; projected content adds advice (a link). */
@Component({
  selector: 'app-form-error',
  imports: [AlertComponent],
  template: `
    @if (form().error(); as error) {
      <app-alert tone="danger">
        <p>{{ error }}</p>
        <ng-content />
      </app-alert>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    :host:empty {
      display: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormErrorComponent {
  readonly form = input.required<FormSubmission>();
}
