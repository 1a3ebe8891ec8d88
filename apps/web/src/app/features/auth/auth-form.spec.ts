import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Injector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { of, throwError } from 'rxjs';

import { aMe, anAuthResponse, BlankPageComponent } from '../../../testing/fixtures';
import { ApiError } from '../../core/api/api-error';
import { AuthStore } from '../../core/auth/auth-store.service';
import { AuthForm } from './auth-form';

describe('AuthForm', () => {
  let sut: AuthForm;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: '**', component: BlankPageComponent }])],
    });
    sut = new AuthForm(document.createElement('form'), TestBed.inject(Injector), TestBed.inject(AuthStore), TestBed.inject(Router));
  });

  it('starts the session the API answers and lands where the answer says', async () => {
    const user = aMe({ role: 'engineer' });
    const request = jest.fn(() => of(anAuthResponse('token', user)));
    await sut.signIn({ ok: true, data: { email: 'tara@acme.example' } }, request, (me) => `/${me.role}`);
    expect(request).toHaveBeenCalledWith({ email: 'tara@acme.example' });
    expect(TestBed.inject(AuthStore).accessToken()).toBe('token');
    expect(TestBed.inject(Router).url).toBe('/engineer');
    expect(sut.succeeded()).toBe(true);
  });

  it('stays, with the reason, when the API refuses', async () => {
    await sut.signIn(
      { ok: true, data: {} },
      () => throwError(() => new ApiError(401, 'invalid_credentials', 'x')),
      () => '/',
    );
    expect(sut.error()).toBe('The email or password is incorrect.');
    expect(sut.succeeded()).toBe(false);
    expect(TestBed.inject(AuthStore).accessToken()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('asks nothing of the API when the form does not pass its check', async () => {
    const request = jest.fn(() => of(anAuthResponse('token')));
    await sut.signIn({ ok: false, errors: { email: 'Must be an email address.' } }, request, () => '/');
    expect(request).not.toHaveBeenCalled();
    expect(sut.errors()).toEqual({ email: 'Must be an email address.' });
  });
});
