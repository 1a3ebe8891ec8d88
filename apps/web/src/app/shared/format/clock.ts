import { DestroyRef, inject, Signal, signal } from '@angular/core';

/** The current time, refreshed every `everyMs`, so "2 minutes ago" stays true on an open page. */
export function injectNow(everyMs = 30_000): Signal<Date> {
  const now = signal(new Date());
  const timer = setInterval(() => now.set(new Date()), everyMs);
  inject(DestroyRef).onDestroy(() => clearInterval(timer));
  return now.asReadonly();
}
