import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type StatusTone = 'ok' | 'warning' | 'danger' | 'neutral';

/** A short coloured label for a state; the text itself carries the meaning, colour only repeats it. */
@Component({
  selector: 'app-status-pill',
  template: '<ng-content />',
  styleUrl: './status-pill.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-tone]': 'tone()' },
})
export class StatusPillComponent {
  readonly tone = input<StatusTone>('neutral');
}
