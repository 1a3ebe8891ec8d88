import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { LiveNoticeComponent } from './live-notice.component';

@Component({
  imports: [LiveNoticeComponent],
  template: `<app-live-notice [text]="text()" />`,
})
class HostComponent {
  readonly text = signal('');
}

describe('LiveNoticeComponent', () => {
  it('is a polite live region that is there before anything is said', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const region = (fixture.nativeElement as HTMLElement).querySelector('[aria-live="polite"]')!;
    expect(region.textContent).toBe('');

    fixture.componentInstance.text.set('The key "Sync" was revoked.');
    await fixture.whenStable();
    expect(region.textContent).toBe('The key "Sync" was revoked.');
  });
});
