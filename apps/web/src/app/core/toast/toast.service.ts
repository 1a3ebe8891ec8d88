import { Injectable, signal } from '@angular/core';

export type ToastTone = 'info' | 'success' | 'warning' | 'danger';

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: ToastTone;
}

const SHOWN_FOR_MS = 8_000;

/** Short messages that outlive the screen that raised them (e.g. after navigating back to the queue). */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private readonly items = signal<readonly Toast[]>([]);
  private nextId = 0;

  readonly toasts = this.items.asReadonly();

  show(text: string, tone: ToastTone = 'info'): Toast {
    const toast: Toast = { id: ++this.nextId, text, tone };
    this.items.update((items) => [...items.slice(-2), toast]);
    setTimeout(() => this.dismiss(toast.id), SHOWN_FOR_MS);
    return toast;
  }

  dismiss(id: number): void {
    this.items.update((items) => items.filter((toast) => toast.id !== id));
  }
}
