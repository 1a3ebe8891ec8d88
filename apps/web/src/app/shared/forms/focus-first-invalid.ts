import { afterNextRender, Injector } from '@angular/core';

/** After the errors render, moves focus to the first invalid control so its error is read out. */
export function focusFirstInvalid(root: HTMLElement, injector: Injector): void {
  afterNextRender(() => root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), { injector });
}
