import { TestBed } from '@angular/core/testing';

import { VerifyEmailBannerComponent } from './verify-email-banner.component';

describe('VerifyEmailBannerComponent', () => {
  function render(visible: boolean): HTMLElement {
    const fixture = TestBed.createComponent(VerifyEmailBannerComponent);
    fixture.componentRef.setInput('visible', visible);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('renders nothing when not visible', () => {
    const element = render(false);
    expect(element.children).toHaveLength(0);
    expect(element.textContent?.trim()).toBe('');
  });

  it('asks the user to verify their email when visible', () => {
    const banner = render(true).querySelector('[role="status"]');
    expect(banner?.textContent).toContain('Please verify your email address.');
  });
});
