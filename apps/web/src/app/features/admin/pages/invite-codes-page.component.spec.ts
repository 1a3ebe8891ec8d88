import type { HttpTestingController } from '@angular/common/http/testing';
import type { InviteCode } from '@resolutionflow/contracts';

import { mountWithHttp, type Mounted } from '../../../../testing/mounted';
import { InviteCodesPageComponent } from './invite-codes-page.component';

const CODE: InviteCode = {
  id: '00000000-0000-4000-8000-0000000000c1',
  code: 'spring-pilot',
  note: 'Pilot MSPs',
  maxUses: 5,
  useCount: 1,
  status: 'active',
  expiresAt: null,
  revokedAt: null,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
};
const LIST = '/api/v1/admin/invite-codes?limit=100';

describe('InviteCodesPageComponent', () => {
  let mounted: Mounted<InviteCodesPageComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    mounted = await mountWithHttp(InviteCodesPageComponent);
    ({ http, element: page } = mounted);
  });

  afterEach(() => mounted.unmount());

  async function answer(respond: () => void): Promise<void> {
    respond();
    await mounted.stable();
  }

  const field = (label: string) => {
    const element = Array.from(page.querySelectorAll('label')).find((l) => l.textContent?.trim().startsWith(label))!;
    return page.querySelector<HTMLInputElement>(`#${element.getAttribute('for')}`)!;
  };
  const button = (text: string) => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;

  it('says so when there are no codes, and marks a past expiry on its own field', async () => {
    await answer(() => http.expectOne(LIST).flush({ items: [], nextCursor: null }));
    expect(page.textContent).toContain('No codes yet.');

    field('Expires on').value = '2000-01-01';
    field('Expires on').dispatchEvent(new Event('input'));
    button('Create code').click();
    await mounted.fixture.whenStable();
    expect(field('Expires on').getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector(`#${field('Expires on').getAttribute('aria-describedby')}`)?.textContent?.trim()).toBe(
      'Must be in the future.',
    );
  });

  it('creates a code and lists it first', async () => {
    await answer(() => http.expectOne(LIST).flush({ items: [CODE], nextCursor: null }));
    field('Code').value = 'summer-pilot';
    field('Code').dispatchEvent(new Event('input'));
    button('Create code').click();
    const create = http.expectOne('/api/v1/admin/invite-codes');
    expect(create.request.body).toEqual({ code: 'summer-pilot', maxUses: 1 });
    await answer(() => create.flush({ ...CODE, id: '00000000-0000-4000-8000-0000000000c2', code: 'summer-pilot', useCount: 0 }));
    expect(page.querySelector('[role="status"]')?.textContent).toContain('summer-pilot');
    expect(Array.from(page.querySelectorAll('tbody tr')).map((row) => row.querySelector('code')?.textContent)).toEqual([
      'summer-pilot',
      'spring-pilot',
    ]);
  });

  describe('with more than one page', () => {
    const NEXT = '/api/v1/admin/invite-codes?limit=100&cursor=k2';
    const LATER: InviteCode = { ...CODE, id: '00000000-0000-4000-8000-0000000000c3', code: 'autumn-pilot' };
    const codes = () => Array.from(page.querySelectorAll('tbody tr')).map((row) => row.querySelector('code')?.textContent);
    const more = () => page.querySelector<HTMLButtonElement>('.more button');

    it('appends the next page, announces it, and hides the button at the end', async () => {
      await answer(() => http.expectOne(LIST).flush({ items: [CODE], nextCursor: 'k2' }));
      more()!.click();
      await answer(() => http.expectOne(NEXT).flush({ items: [LATER], nextCursor: null }));
      expect(codes()).toEqual(['spring-pilot', 'autumn-pilot']);
      expect(page.querySelector('[aria-live="polite"]')?.textContent).toBe('1 more code shown.');
      expect(more()).toBeNull();
    });

    it('keeps the codes shown when the next page fails, and offers to try again', async () => {
      await answer(() => http.expectOne(LIST).flush({ items: [CODE], nextCursor: 'k2' }));
      more()!.click();
      await answer(() => http.expectOne(NEXT).flush({ statusCode: 500, error: 'internal_error', message: 'x' }, { status: 500, statusText: 'Error' }));
      expect(codes()).toEqual(['spring-pilot']);
      expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
        'More could not be shown. Something went wrong on our side. Please try again.',
      );
      expect(more()?.textContent?.trim()).toBe('Try again');
    });

    it('revokes an appended code, then lists from the first page again', async () => {
      await answer(() => http.expectOne(LIST).flush({ items: [CODE], nextCursor: 'k2' }));
      more()!.click();
      await answer(() => http.expectOne(NEXT).flush({ items: [LATER], nextCursor: null }));
      button('Revoke autumn-pilot').click();
      await mounted.fixture.whenStable();
      button('Revoke code').click();
      await answer(() => http.expectOne(`/api/v1/admin/invite-codes/${LATER.id}`).flush(null, { status: 204, statusText: 'No Content' }));
      await answer(() => http.expectOne(LIST).flush({ items: [CODE], nextCursor: 'k2' }));
      expect(page.querySelector('[aria-live="polite"]')?.textContent).toBe('The code autumn-pilot was revoked.');
      expect(codes()).toEqual(['spring-pilot']);
      expect(more()?.textContent?.trim()).toBe('Show more');
    });
  });

  it('revokes a code once confirmed in a dialog, and says so', async () => {
    await answer(() => http.expectOne(LIST).flush({ items: [CODE], nextCursor: null }));
    button('Revoke spring-pilot').click();
    await mounted.fixture.whenStable();
    const dialog = page.querySelector('dialog[open]')!;
    expect(dialog.textContent).toContain('Revoke spring-pilot?');

    button('Revoke code').click();
    await answer(() => http.expectOne(`/api/v1/admin/invite-codes/${CODE.id}`).flush(null, { status: 204, statusText: 'No Content' }));
    await answer(() => http.expectOne(LIST).flush({ items: [{ ...CODE, status: 'revoked' }], nextCursor: null }));
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(page.querySelector('[aria-live="polite"]')?.textContent).toBe('The code spring-pilot was revoked.');
    expect(page.querySelector('tbody tr')?.textContent).toContain('Revoked');
  });
});
