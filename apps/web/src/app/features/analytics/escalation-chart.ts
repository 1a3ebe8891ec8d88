import type { Chart } from 'chart.js';

import type { DailySeries } from './escalation-metrics';

/** Colours come from the design tokens, so the chart follows the light or dark theme. */
function token(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/**
 * Draws the daily series on `canvas`: escalations raised and picked up as bars (left axis), the
 * day's medians in minutes as lines (right axis). Chart.js is loaded here, on first use only,
 * so it stays out of the app's initial download.
 */
export async function drawEscalationChart(canvas: HTMLCanvasElement, series: DailySeries, reducedMotion: boolean): Promise<Chart> {
  const { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } =
    await import('chart.js');
  Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

  const accent = token('--color-accent', '#1d4ed8');
  const success = token('--color-success-fg', '#166534');
  const warning = token('--color-warning-fg', '#854d0e');
  const muted = token('--color-text-muted', '#4b5563');
  const text = token('--color-text', '#111827');
  const grid = token('--color-border', '#e5e7eb');

  return new Chart(canvas, {
    data: {
      labels: series.labels,
      datasets: [
        { type: 'bar', label: 'Escalations raised', data: series.escalations, backgroundColor: accent, yAxisID: 'count' },
        { type: 'bar', label: 'Picked up', data: series.claimed, backgroundColor: success, yAxisID: 'count' },
        {
          type: 'line',
          label: 'Median time to claim (min)',
          data: series.claimMinutes,
          borderColor: warning,
          backgroundColor: warning,
          spanGaps: true,
          yAxisID: 'minutes',
        },
        {
          type: 'line',
          label: 'Median time to first action (min)',
          data: series.actionMinutes,
          borderColor: muted,
          backgroundColor: muted,
          borderDash: [6, 4],
          spanGaps: true,
          yAxisID: 'minutes',
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : undefined,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { color: text } } },
      scales: {
        x: { ticks: { color: muted }, grid: { color: grid } },
        count: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          ticks: { color: muted, precision: 0 },
          grid: { color: grid },
          title: { display: true, text: 'Escalations', color: muted },
        },
        minutes: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          ticks: { color: muted },
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'Minutes', color: muted },
        },
      },
    },
  });
}
