import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, ElementRef, inject, signal, untracked, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AnalyticsPeriod, EscalationMetrics } from '@resolutionflow/contracts';
import type { Chart } from 'chart.js';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../../core/api/api-error';
import { LOADING, type LoadState } from '../../../core/api/load-state';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { CardComponent } from '../../../shared/card/card.component';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { AnalyticsApi } from '../analytics-api.service';
import { drawEscalationChart } from '../escalation-chart';
import { dailySeries, dayLabel, formatDuration, shareOf } from '../escalation-metrics';

const PERIODS: readonly { value: AnalyticsPeriod; label: string }[] = [
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
];

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** How escalations are picked up and acted on: headline figures and a daily chart for a period. */
@Component({
  selector: 'app-analytics-page',
  imports: [AlertComponent, CardComponent, FormsModule, LoadStatusComponent, PageHeaderComponent],
  templateUrl: './analytics-page.component.html',
  styleUrl: './analytics-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsPageComponent {
  private readonly api = inject(AnalyticsApi);
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('chart');
  private chart: Chart | null = null;
  private drawing = 0;

  protected readonly periods = PERIODS;
  protected readonly period = signal<AnalyticsPeriod>('30d');
  protected readonly state = signal<LoadState<EscalationMetrics>>(LOADING);
  protected readonly metrics = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly chartError = signal<string | null>(null);
  protected readonly hasActivity = computed(() => this.metrics()?.daily.some((day) => day.nEscalations > 0 || day.nClaimed > 0) ?? false);

  protected readonly formatDuration = formatDuration;
  protected readonly shareOf = shareOf;
  protected readonly dayLabel = dayLabel;

  constructor() {
    effect(() => {
      const period = this.period();
      untracked(() => void this.load(period));
    });
    // The canvas exists once the figures are shown; draw (again) whenever they change.
    effect(() => {
      const metrics = this.metrics();
      const canvas = this.canvas()?.nativeElement;
      untracked(() => void this.draw(metrics, canvas));
    });
    inject(DestroyRef).onDestroy(() => this.destroyChart());
  }

  protected async load(period: AnalyticsPeriod = this.period()): Promise<void> {
    this.state.set(LOADING);
    try {
      const metrics = await firstValueFrom(this.api.escalations(period));
      if (period === this.period()) this.state.set({ status: 'ok', value: metrics });
    } catch (error) {
      if (period === this.period()) this.state.set({ status: 'error', error: toApiError(error) });
    }
  }

  private async draw(metrics: EscalationMetrics | null, canvas: HTMLCanvasElement | undefined): Promise<void> {
    const attempt = ++this.drawing;
    this.destroyChart();
    if (!metrics || !canvas) return;
    this.chartError.set(null);
    try {
      const chart = await drawEscalationChart(canvas, dailySeries(metrics.daily), prefersReducedMotion());
      if (attempt === this.drawing) this.chart = chart;
      else chart.destroy();
    } catch {
      if (attempt === this.drawing) this.chartError.set('The chart could not be drawn. The table below has the same figures.');
    }
  }

  private destroyChart(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}
