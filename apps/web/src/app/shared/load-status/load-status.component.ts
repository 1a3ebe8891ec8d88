import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

import { describeError } from '../../core/api/api-error';
import { LoadState } from '../../core/api/load-state';
import { AlertComponent } from '../alert/alert.component';
import { ButtonComponent } from '../button/button.component';
import { SpinnerComponent } from '../spinner/spinner.component';

/** The loading and error parts of a read: a labelled spinner, or the error with "Try again". */
@Component({
  selector: 'app-load-status',
  imports: [AlertComponent, ButtonComponent, SpinnerComponent],
  template: `
    @switch (state().status) {
      @case ('loading') {
        <app-spinner [label]="loadingLabel()" />
      }
      @case ('error') {
        <app-alert tone="danger">
          <p>{{ message() }}</p>
          <button appButton type="button" variant="secondary" size="small" class="retry" (click)="retry.emit()">
            Try again
          </button>
        </app-alert>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    :host:empty {
      display: none;
    }
    .retry {
      margin-block-start: var(--space-2);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadStatusComponent {
  readonly state = input.required<LoadState<unknown>>();
  readonly loadingLabel = input('Loading…');
  readonly retry = output<void>();

  protected readonly message = computed(() => {
    const state = this.state();
    return state.status === 'error' ? describeError(state.error) : '';
  });
}
