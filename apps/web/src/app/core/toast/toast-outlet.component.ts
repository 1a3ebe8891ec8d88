import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { ToastService } from './toast.service';

/** Where toasts appear: bottom corner, announced politely, each closable. */
@Component({
  selector: 'app-toast-outlet',
  template: `
    <div class="toasts" role="status" aria-live="polite">
      @for (toast of toasts(); track toast.id) {
        <div class="toast" [attr.data-tone]="toast.tone">
          <p class="text">{{ toast.text }}</p>
          <button type="button" class="close" (click)="dismiss(toast.id)">
            <span aria-hidden="true">×</span><span class="visually-hidden">Dismiss message</span>
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .toasts {
      position: fixed;
      inset-block-end: var(--space-6);
      inset-inline-end: var(--space-6);
      z-index: 50;
      display: grid;
      gap: var(--space-2);
      max-inline-size: min(26rem, calc(100vw - 2 * var(--space-4)));
    }
    .toast {
      display: flex;
      align-items: flex-start;
      gap: var(--space-3);
      padding: var(--space-3) var(--space-4);
      border: 1px solid var(--tone-fg);
      border-inline-start-width: 4px;
      border-radius: var(--radius-md);
      background: var(--color-surface);
      color: var(--color-text);
      box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
      animation: toast-in var(--duration-normal) ease-out;
      --tone-fg: var(--color-accent);
    }
    .toast[data-tone='success'] {
      --tone-fg: var(--color-success-fg);
    }
    .toast[data-tone='warning'] {
      --tone-fg: var(--color-warning-fg);
    }
    .toast[data-tone='danger'] {
      --tone-fg: var(--color-danger-fg);
    }
    .text {
      flex: 1;
      margin: 0;
      font-weight: 600;
    }
    .close {
      padding: 0 var(--space-1);
      border: 0;
      background: none;
      color: var(--color-text-muted);
      font-size: var(--text-lg);
      line-height: 1;
      cursor: pointer;
    }
    @keyframes toast-in {
      from {
        opacity: 0;
        transform: translateY(0.5rem);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .toast {
        animation: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToastOutletComponent {
  private readonly service = inject(ToastService);
  protected readonly toasts = this.service.toasts;

  protected dismiss(id: number): void {
    this.service.dismiss(id);
  }
}
