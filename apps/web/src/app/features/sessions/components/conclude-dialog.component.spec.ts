import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ResolvedSession, SessionDetail, SuggestedFix } from '@resolutionflow/contracts';

import { settle } from '../../../../testing/fixtures';
import { ConcludeDialogComponent } from './conclude-dialog.component';

const session = (fixes: Partial<SuggestedFix>[]) =>
  ({ id: 's1', psaTicketId: '4821', fixes: fixes.map((f, i) => ({ id: `f${i}`, ...f })) }) as unknown as SessionDetail;

@Component({
  imports: [ConcludeDialogComponent],
  template: `<app-conclude-dialog [open]="true" [session]="session()" (resolved)="done.push($event)" />`,
})
class HostComponent {
  readonly session = signal(session([{ title: 'Restart the spooler', status: 'applied_pending' }, { title: 'Old fix', status: 'applied_failed' }]));
  readonly done: ResolvedSession[] = [];
}

describe('ConcludeDialogComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostComponent);
    document.body.appendChild(fixture.nativeElement);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    await settle();
  });

  afterEach(() => {
    http.verify();
    fixture.nativeElement.remove();
  });

  const key = (field: HTMLTextAreaElement, init: KeyboardEventInit) =>
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }));

  it('says a fix still waiting to verify is recorded as worked, and where the note goes', () => {
    expect(page.textContent).toContain('Still waiting to verify: “Restart the spooler”. Resolving records it as worked');
    expect(page.textContent).not.toContain('Old fix');
    expect(page.textContent).toContain('adds it to ticket #4821');
  });

  it('resolves with the note on Enter; Shift+Enter is a new line', async () => {
    const field = page.querySelector<HTMLTextAreaElement>('textarea[name="note"]')!;
    field.value = 'Replaced the driver';
    field.dispatchEvent(new Event('input'));
    key(field, { shiftKey: true });
    http.expectNone('/api/v1/ai-sessions/s1/resolve');

    key(field, {});
    const request = http.expectOne('/api/v1/ai-sessions/s1/resolve');
    expect(request.request.body).toEqual({ note: 'Replaced the driver' });
    const result = { session: { id: 's1' }, psa: { status: 'queued', ticketId: '4821', message: null } } as unknown as ResolvedSession;
    request.flush(result);
    await fixture.whenStable();
    await settle();
    expect(fixture.componentInstance.done).toEqual([result]);
  });

  it('shows why resolving failed and stays open', async () => {
    page.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    http
      .expectOne('/api/v1/ai-sessions/s1/resolve')
      .flush({ statusCode: 409, error: 'session_resolved', message: 'This session is resolved' }, { status: 409, statusText: 'Conflict' });
    await settle();
    await fixture.whenStable();
    expect(page.querySelector('app-alert[data-tone="danger"]')?.textContent).toContain('This session is resolved');
    expect(fixture.componentInstance.done).toEqual([]);
  });
});
