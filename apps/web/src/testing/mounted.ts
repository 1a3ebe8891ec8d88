import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { settle } from './fixtures';

/** A component rendered into the document against a testing HTTP backend. */
export interface Mounted<T> {
  readonly fixture: ComponentFixture<T>;
  readonly http: HttpTestingController;
  readonly element: HTMLElement;
  /** Lets pending callbacks run and the view catch up. */
  stable(): Promise<void>;
  /** Removes the element and checks no request was left unanswered. */
  unmount(): void;
}

/** Mounts `component` in the document (so focus and dialogs behave) with HttpClient on a testing backend. */
export async function mountWithHttp<T>(component: Type<T>): Promise<Mounted<T>> {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(component);
  const element = fixture.nativeElement as HTMLElement;
  document.body.appendChild(element);
  await fixture.whenStable();
  return {
    fixture,
    http,
    element,
    async stable() {
      await settle();
      await fixture.whenStable();
    },
    unmount() {
      element.remove();
      http.verify();
    },
  };
}
