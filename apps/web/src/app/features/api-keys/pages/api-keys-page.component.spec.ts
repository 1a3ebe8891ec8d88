import type { HttpTestingController } from '@angular/common/http/testing';
import type { ApiKey } from '@resolutionflow/contracts';

import { mountWithHttp, type Mounted } from '../../../../testing/mounted';
import { ApiKeysPageComponent } from './api-keys-page.component';

const key = (n: number, name: string): ApiKey => ({
  id: `00000000-0000-4000-8000-0000000000a${n}`,
  name,
  role: 'engineer',
  prefix: `rf_${n}`,
  createdBy: null,
  lastUsedAt: null,
  revokedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
});
const LIST = '/api/v1/accounts/api-keys?limit=100';
const NEXT = '/api/v1/accounts/api-keys?limit=100&cursor=p2';

describe('ApiKeysPageComponent', () => {
  let mounted: Mounted<ApiKeysPageComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    mounted = await mountWithHttp(ApiKeysPageComponent);
    ({ http, element: page } = mounted);
  });

  afterEach(() => mounted.unmount());

  async function answer(respond: () => void): Promise<void> {
    respond();
    await mounted.stable();
  }

  const button = (text: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;
  const more = () => page.querySelector<HTMLButtonElement>('.more button');
  const names = () => Array.from(page.querySelectorAll('tbody tr')).map((row) => row.querySelector('td')?.textContent);
  const notice = () => page.querySelector('[aria-live="polite"]')?.textContent;

  it('shows one page without a "Show more" button when it is the last', async () => {
    await answer(() => http.expectOne(LIST).flush({ items: [key(1, 'PSA sync')], nextCursor: null }));
    expect(names()).toEqual(['PSA sync']);
    expect(more()).toBeNull();
  });

  it('appends the next pages, announces each, and hides the button at the end', async () => {
    await answer(() => http.expectOne(LIST).flush({ items: [key(1, 'PSA sync')], nextCursor: 'p2' }));
    more()!.click();
    await answer(() => http.expectOne(NEXT).flush({ items: [key(2, 'Backup'), key(3, 'Monitoring')], nextCursor: 'p3' }));
    expect(names()).toEqual(['PSA sync', 'Backup', 'Monitoring']);
    expect(notice()).toBe('2 more keys shown.');

    more()!.click();
    await answer(() => http.expectOne('/api/v1/accounts/api-keys?limit=100&cursor=p3').flush({ items: [key(4, 'Billing')], nextCursor: null }));
    expect(names()).toEqual(['PSA sync', 'Backup', 'Monitoring', 'Billing']);
    expect(notice()).toBe('1 more key shown.');
    expect(more()).toBeNull();
  });

  it('keeps the keys shown when the next page fails, and shows them after trying again', async () => {
    await answer(() => http.expectOne(LIST).flush({ items: [key(1, 'PSA sync')], nextCursor: 'p2' }));
    more()!.click();
    await answer(() => http.expectOne(NEXT).flush(null, { status: 0, statusText: 'Unknown Error' }));
    expect(names()).toEqual(['PSA sync']);
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'More could not be shown. The server could not be reached. Check your connection and try again.',
    );

    button('Try again').click();
    await answer(() => http.expectOne(NEXT).flush({ items: [key(2, 'Backup')], nextCursor: null }));
    expect(names()).toEqual(['PSA sync', 'Backup']);
    expect(page.querySelector('[role="alert"]')).toBeNull();
  });

  it('revokes a key of an appended page in place', async () => {
    await answer(() => http.expectOne(LIST).flush({ items: [key(1, 'PSA sync')], nextCursor: 'p2' }));
    more()!.click();
    await answer(() => http.expectOne(NEXT).flush({ items: [key(2, 'Backup')], nextCursor: null }));

    button('Revoke Backup').click();
    await mounted.fixture.whenStable();
    button('Revoke key').click();
    await answer(() => http.expectOne(`/api/v1/accounts/api-keys/${key(2, 'Backup').id}`).flush(null, { status: 204, statusText: 'No Content' }));
    expect(notice()).toBe('The key "Backup" was revoked. Requests using it now fail.');
    const rows = page.querySelectorAll('tbody tr');
    expect(rows[1]?.textContent).toContain('Revoked');
    expect(rows[0]?.textContent).toContain('Active');
  });
});
