import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { SessionSummary } from '@resolutionflow/contracts';

import { settle } from '../../../../testing/fixtures';
import { PsaTicketComponent } from './psa-ticket.component';

@Component({
  imports: [PsaTicketComponent],
  template: `<app-psa-ticket sessionId="s1" [ticketId]="ticketId()" [canEdit]="true" (changed)="changes.push($event)" />`,
})
class HostComponent {
  readonly ticketId = signal<string | null>(null);
  readonly changes: SessionSummary[] = [];
}

const summary = (psaTicketId: string | null) => ({ id: 's1', psaTicketId }) as SessionSummary;
const notConnected = { statusCode: 409, error: 'psa_not_connected', message: 'No PSA' };

describe('PsaTicketComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostComponent);
    document.body.appendChild(fixture.nativeElement);
    page = fixture.nativeElement as HTMLElement;
    await stable();
  });

  afterEach(() => fixture.nativeElement.remove());

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  const button = (name: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s+/g, ' ').trim().startsWith(name));

  async function openLinking(): Promise<void> {
    button('Link a ticket')!.click();
    await stable();
  }

  it('searches ConnectWise and links the chosen ticket', async () => {
    await openLinking();
    http.expectOne((req) => req.url === '/api/v1/psa/tickets').flush({
      items: [{ id: '77', summary: 'Printer offline', status: 'New', board: 'Help desk', company: 'Acme' }],
    });
    await stable();
    button('#77')!.click();
    await stable();
    const link = http.expectOne('/api/v1/ai-sessions/s1/psa-ticket');
    expect(link.request.method).toBe('PUT');
    expect(link.request.body).toEqual({ ticketId: '77' });
    link.flush({ session: summary('77'), ticketId: '77', ticket: { id: '77', summary: 'Printer offline', status: 'New', board: null, company: 'Acme' }, verified: true });
    await stable();
    expect(fixture.componentInstance.changes).toEqual([summary('77')]);
    expect(page.textContent).toContain('Linked to ticket #77.');
  });

  it('without a ConnectWise connection, says so and still links a typed ticket number', async () => {
    await openLinking();
    http.expectOne((req) => req.url === '/api/v1/psa/tickets').flush(notConnected, { status: 409, statusText: 'Conflict' });
    await stable();
    expect(page.textContent).toContain('ConnectWise is not connected yet.');

    const search = page.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = '#123';
    search.dispatchEvent(new Event('input'));
    await stable();
    button('Link ticket #123')!.click();
    await stable();
    http.expectOne('/api/v1/ai-sessions/s1/psa-ticket').flush({ session: summary('123'), ticketId: '123', ticket: null, verified: false });
    await stable();
    expect(page.textContent).toContain('Linked to #123; ConnectWise could not confirm it right now.');
    await new Promise((resolve) => setTimeout(resolve, 350));
    http.match(() => true);
  });

  it('spins off a new ticket, and reports a failure inside the dialog', async () => {
    await openLinking();
    http.expectOne((req) => req.url === '/api/v1/psa/tickets').flush({ items: [] });
    await stable();
    button('Create a ticket from this session')!.click();
    await stable();
    http.expectOne('/api/v1/ai-sessions/s1/psa-ticket/spin-off').flush(notConnected, { status: 409, statusText: 'Conflict' });
    await stable();
    expect(page.querySelector('dialog app-alert')?.textContent).toContain('ConnectWise is not connected yet.');

    button('Create a ticket from this session')!.click();
    await stable();
    http.expectOne('/api/v1/ai-sessions/s1/psa-ticket/spin-off').flush({ session: summary('900'), ticketId: '900', ticket: null, verified: true });
    await stable();
    expect(page.textContent).toContain('Created ticket #900 from this session.');
  });
});
