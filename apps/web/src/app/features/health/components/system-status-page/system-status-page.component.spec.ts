import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { HealthLive, HealthReady } from '@resolutionflow/contracts';

import { SystemStatusPageComponent } from './system-status-page.component';

const LIVE: HealthLive = { status: 'ok', uptimeSeconds: 3725, version: '0.1.0' };
const READY: HealthReady = { status: 'ok', checks: { database: { status: 'up', latencyMs: 3.6 } } };
const NOT_READY: HealthReady = {
  status: 'unavailable',
  checks: { database: { status: 'down', latencyMs: null, error: 'connection refused' } },
};

type Answer = (request: TestRequest) => void;

describe('SystemStatusPageComponent', () => {
  let fixture: ComponentFixture<SystemStatusPageComponent>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SystemStatusPageComponent);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const page = () => fixture.nativeElement as HTMLElement;
  const card = (heading: string) =>
    Array.from(page().querySelectorAll('section.card')).find((section) => section.querySelector('h2')?.textContent === heading);
  const summary = () => page().querySelector('[role="status"]');
  /** The card's term → description pairs, e.g. { Version: '0.1.0' }. */
  const facts = (heading: string) =>
    Object.fromEntries(
      Array.from(card(heading)?.querySelectorAll('dl > div') ?? []).map((row) => [
        row.querySelector('dt')?.textContent?.trim(),
        row.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim(),
      ]),
    );

  async function answer(live: Answer, ready: Answer): Promise<void> {
    live(http.expectOne('/api/v1/health/live'));
    ready(http.expectOne('/api/v1/health/ready'));
    await fixture.whenStable();
  }

  it('shows a level-one heading and a loading state while both checks run', () => {
    expect(page().querySelector('h1')?.textContent).toBe('System status');
    expect(summary()?.textContent?.trim()).toBe('Checking system status…');
    expect(card('API')?.getAttribute('aria-busy')).toBe('true');
    expect(card('Database')?.textContent).toContain('Checking…');
    http.expectOne('/api/v1/health/live');
    http.expectOne('/api/v1/health/ready');
  });

  it('shows version, uptime and a healthy database when everything is up', async () => {
    await answer(
      (live) => live.flush(LIVE),
      (ready) => ready.flush(READY),
    );

    expect(summary()?.textContent?.trim()).toBe('All systems operational.');
    expect(summary()?.getAttribute('data-tone')).toBe('ok');
    expect(facts('API')).toEqual({ Status: 'Running', Version: '0.1.0', Uptime: '1 h 2 min' });
    expect(facts('Database')).toEqual({ Status: 'Up', Latency: '4 ms' });
    expect(card('Database')?.getAttribute('aria-busy')).toBe('false');
  });

  it('shows the database as down when the API answers 503 with its readiness report', async () => {
    await answer(
      (live) => live.flush(LIVE),
      (ready) => ready.flush(NOT_READY, { status: 503, statusText: 'Service Unavailable' }),
    );

    expect(summary()?.textContent?.trim()).toBe('The database is unavailable, so most of ResolutionFlow will not work.');
    expect(summary()?.getAttribute('data-tone')).toBe('danger');
    expect(facts('Database')).toEqual({ Status: 'Down', Latency: 'Not measured' });
    expect(page().querySelector('app-status-pill[data-tone="danger"]')?.textContent?.trim()).toBe('Down');
  });

  it('shows a readable message when the API cannot be reached', async () => {
    await answer(
      (live) => live.error(new ProgressEvent('error')),
      (ready) => ready.error(new ProgressEvent('error')),
    );

    const message = 'The server could not be reached. Check your connection and try again.';
    expect(summary()?.textContent?.trim()).toBe(message);
    expect(card('API')?.querySelector('.error-text')?.textContent?.trim()).toBe(message);
    expect(card('Database')?.querySelector('.error-text')?.textContent?.trim()).toBe(message);
  });

  it('runs both checks again on "Check again"', async () => {
    await answer(
      (live) => live.error(new ProgressEvent('error')),
      (ready) => ready.error(new ProgressEvent('error')),
    );

    page().querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();
    expect(summary()?.textContent?.trim()).toBe('Checking system status…');

    await answer(
      (live) => live.flush(LIVE),
      (ready) => ready.flush(READY),
    );
    expect(summary()?.textContent?.trim()).toBe('All systems operational.');
  });
});
