import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { ApiError } from '../../core/api/api-error';
import { FormErrorComponent } from './form-error.component';
import { formSubmission } from './form-submission';

@Component({
  imports: [FormErrorComponent],
  template: `
    <app-form-error [form]="form">
      <p><a href="/login">Sign in</a></p>
    </app-form-error>
  `,
})
class HostComponent {
  readonly form = formSubmission();
}

describe('FormErrorComponent', () => {
  it('says nothing until the API refuses, then reads the reason out with the projected advice', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    const page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')).toBeNull();

    await fixture.componentInstance.form.submit({ ok: true, data: {} }, async () => {
      throw new ApiError(409, 'email_already_registered', 'x');
    });
    await fixture.whenStable();
    const alert = page.querySelector('[role="alert"]')!;
    expect(alert.querySelector('p')?.textContent).toBe('An account already uses this email address. Sign in instead.');
    expect(alert.querySelector('a')?.getAttribute('href')).toBe('/login');
  });
});
