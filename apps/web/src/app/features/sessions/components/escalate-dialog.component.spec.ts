import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Handoff, SessionDetail, SuggestedFix } from '@resolutionflow/contracts';

import { settle } from '../../../../testing/fixtures';
import { EscalateDialogComponent } from './escalate-dialog.component';

function aSession(fixes: Partial<SuggestedFix>[] = []): SessionDetail {
  return {
    id: 's1',
    problemSummary: 'VPN drops',
    psaTicketId: null,
    status: 'active',
    ownerId: 'u1',
    escalatedToId: null,
    stateVersion: 1,
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z',
    escalationReason: null,
    escalationPackage: null,
    resolutionNote: null,
    confidenceTier: null,
    resolvedAt: null,
    steps: [],
    fixes: fixes.map((fix, i) => ({ id: `f${i}`, title: `Fix ${i}`, status: 'proposed', ...fix }) as SuggestedFix),
  };
}

@Component({
  imports: [EscalateDialogComponent],
  template: `<app-escalate-dialog [open]="open()" [session]="session()" (escalated)="done.push($event)" (closed)="open.set(false)" />`,
})
class HostComponent {
  readonly open = signal(false);
  readonly session = signal(aSession());
  readonly done: Handoff[] = [];
}

describe('EscalateDialogComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  async function open(session: SessionDetail): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.session.set(session);
    fixture.componentInstance.open.set(true);
    document.body.appendChild(fixture.nativeElement);
    page = fixture.nativeElement as HTMLElement;
    await stable();
  }

  async function stable(): Promise<void> {
    await fixture.whenStable();
    await settle();
  }

  afterEach(() => {
    http.verify();
    fixture.nativeElement.remove();
  });

  const heading = () => page.querySelector('h2')?.textContent?.trim();
  const button = (name: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === name)!;
  async function typeReasonAndPressEnter(text: string): Promise<void> {
    const field = page.querySelector<HTMLTextAreaElement>('textarea[name="reason"]')!;
    field.value = text;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await stable();
  }

  it('stops first on fixes that still need an outcome, then escalates with them acknowledged', async () => {
    await open(aSession([{ title: 'Restart the spooler', status: 'applied_pending' }, { title: 'Clear the queue', status: 'applied_success' }]));
    expect(heading()).toBe('Some fixes still need an outcome');
    expect(page.querySelector('.open-fixes')?.textContent).toContain('Restart the spooler');
    expect(page.querySelector('.open-fixes')?.textContent).toContain('Waiting to verify');
    expect(page.querySelector('.open-fixes')?.textContent).not.toContain('Clear the queue');

    button('Escalate anyway').click();
    await stable();
    expect(heading()).toBe('Escalate to your team');
    expect(document.activeElement).toBe(page.querySelector('textarea[name="reason"]'));

    await typeReasonAndPressEnter('Out of ideas');
    const request = http.expectOne('/api/v1/ai-sessions/s1/handoff');
    expect(request.request.body).toEqual({ intent: 'escalate', reason: 'Out of ideas', acknowledgeOpenFixes: true });
    request.flush({ id: 'h1' });
    await stable();
    expect(fixture.componentInstance.done).toEqual([{ id: 'h1' }]);
  });

  it('asks for a reason before sending anything', async () => {
    await open(aSession());
    await typeReasonAndPressEnter('   ');
    expect(page.textContent).toContain('Say why you are escalating');
  });

  it("catches the API's fix_outcome_required when the page was behind, and asks", async () => {
    await open(aSession());
    expect(heading()).toBe('Escalate to your team');
    await typeReasonAndPressEnter('Stuck');
    http.expectOne('/api/v1/ai-sessions/s1/handoff').flush(
      { statusCode: 409, error: 'fix_outcome_required', message: 'Open fixes', details: { fixes: [{ id: 'f9', title: 'Reset the VPN profile', status: 'verifying' }] } },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(heading()).toBe('Some fixes still need an outcome');
    expect(page.textContent).toContain('Reset the VPN profile');

    button('Escalate anyway').click();
    await stable();
    await typeReasonAndPressEnter('Stuck');
    expect(http.expectOne('/api/v1/ai-sessions/s1/handoff').request.body).toMatchObject({ acknowledgeOpenFixes: true });
  });
});
