import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { switchMap } from 'rxjs';

import { ApiError } from '../../../../core/api/api-error';
import { messageForError } from '../../../../core/api/error-messages';
import { LOADING, toLoadState } from '../../../../core/api/load-state';
import { StatusPillComponent, StatusTone } from '../../../../shared/status-pill/status-pill.component';
import { formatLatency, formatUptime } from '../../health-format';
import { HealthService } from '../../services/health.service';

interface StatusSummary {
  readonly tone: StatusTone;
  readonly text: string;
}

/** Whether the API and its database are reachable, for users and for whoever runs the service. */
@Component({
  selector: 'app-system-status-page',
  imports: [StatusPillComponent],
  templateUrl: './system-status-page.component.html',
  styleUrl: './system-status-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SystemStatusPageComponent {
  private readonly health = inject(HealthService);
  private readonly runCount = signal(0);
  private readonly runs = toObservable(this.runCount);

  protected readonly live = toSignal(this.runs.pipe(switchMap(() => this.health.live().pipe(toLoadState()))), {
    initialValue: LOADING,
  });
  protected readonly ready = toSignal(this.runs.pipe(switchMap(() => this.health.ready().pipe(toLoadState()))), {
    initialValue: LOADING,
  });

  protected readonly summary = computed((): StatusSummary => {
    const live = this.live();
    const ready = this.ready();
    if (live.status === 'loading' || ready.status === 'loading') {
      return { tone: 'neutral', text: 'Checking system status…' };
    }
    if (live.status === 'error') return { tone: 'danger', text: this.messageFor(live.error) };
    if (ready.status === 'error') return { tone: 'danger', text: this.messageFor(ready.error) };
    if (ready.value.checks.database.status === 'down') {
      return { tone: 'danger', text: 'The database is unavailable, so most of ResolutionFlow will not work.' };
    }
    if (ready.value.status !== 'ok') return { tone: 'warning', text: 'ResolutionFlow is not ready yet.' };
    return { tone: 'ok', text: 'All systems operational.' };
  });

  protected readonly formatUptime = formatUptime;
  protected readonly formatLatency = formatLatency;

  protected messageFor(error: ApiError): string {
    return messageForError(error.code, error.message);
  }

  protected checkAgain(): void {
    this.runCount.update((count) => count + 1);
  }
}
