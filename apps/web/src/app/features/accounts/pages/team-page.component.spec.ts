import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { AccountInvite, Member } from '@resolutionflow/contracts';

import { aMe, anAuthResponse, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { TeamPageComponent } from './team-page.component';

const ME = aMe({ id: '00000000-0000-4000-8000-000000000001', role: 'admin' });
const member = (id: string, name: string, role: Member['role']): Member => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  email: `${name.toLowerCase()}@acme.example`,
  name,
  role,
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
});
const MEMBERS = [member('1', 'Me', 'admin'), member('2', 'Olivia', 'owner'), member('3', 'Eli', 'engineer')];
const INVITE: AccountInvite = {
  id: '00000000-0000-4000-8000-0000000000f1',
  email: 'tara@acme.example',
  role: 'engineer',
  status: 'pending',
  invitedBy: ME.id,
  expiresAt: '2099-01-01T00:00:00Z',
  lastSentAt: null,
  acceptedAt: null,
  revokedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('TeamPageComponent', () => {
  let fixture: ComponentFixture<TeamPageComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', ME));
    fixture = TestBed.createComponent(TeamPageComponent);
    page = fixture.nativeElement as HTMLElement;
    document.body.appendChild(page);
    await fixture.whenStable();
  });

  afterEach(() => {
    page.remove();
    http.verify();
  });

  async function load(invites: AccountInvite[] = [INVITE], cursors: { members?: string; invites?: string } = {}): Promise<void> {
    http.expectOne('/api/v1/accounts/members?limit=100').flush({ items: MEMBERS, nextCursor: cursors.members ?? null });
    http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: invites, nextCursor: cursors.invites ?? null });
    await settle();
    await fixture.whenStable();
  }

  async function answer(respond: () => void): Promise<void> {
    respond();
    await settle();
    await fixture.whenStable();
  }

  const buttons = (text: RegExp) => Array.from(page.querySelectorAll('button')).filter((b) => text.test(b.textContent ?? ''));
  const row = (text: string) => Array.from(page.querySelectorAll('tr')).find((tr) => tr.textContent?.includes(text))!;

  it('shows loading states, then members and invitations', async () => {
    expect(page.textContent).toContain('Loading members…');
    await load();
    expect(row('Eli').textContent).toContain('Engineer');
    expect(row('tara@acme.example').textContent).toContain('Pending');
  });

  it('offers no actions on yourself, nor on owners to an admin', async () => {
    await load();
    expect(row('Me').querySelectorAll('button')).toHaveLength(0);
    expect(row('Olivia').querySelectorAll('button')).toHaveLength(0);
    expect(row('Eli').querySelectorAll('button')).toHaveLength(2);
  });

  it('changes a role through a dialog and updates the row', async () => {
    await load();
    (row('Eli').querySelector('button') as HTMLButtonElement).click();
    await fixture.whenStable();
    const dialog = page.querySelector('dialog[open]')!;
    expect(dialog.textContent).toContain('Change the role of Eli');
    const select = dialog.querySelector('select')!;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['admin', 'engineer', 'viewer']);
    select.value = 'viewer';
    select.dispatchEvent(new Event('change'));
    buttons(/Save role/)[0]!.click();

    const patch = http.expectOne('/api/v1/accounts/members/00000000-0000-4000-8000-000000000003');
    expect(patch.request.body).toEqual({ role: 'viewer' });
    patch.flush({ ...MEMBERS[2], role: 'viewer' });
    await settle();
    await fixture.whenStable();
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(row('Eli').textContent).toContain('Viewer');
    expect(page.querySelector('.notice')?.textContent).toBe('Eli is now Viewer.');
  });

  it('keeps the dialog open with the reason when the API refuses', async () => {
    await load();
    (row('Eli').querySelectorAll('button')[1] as HTMLButtonElement).click();
    await fixture.whenStable();
    buttons(/^\s*Remove\s*$/).at(-1)!.click();
    http
      .expectOne('/api/v1/accounts/members/00000000-0000-4000-8000-000000000003')
      .flush({ statusCode: 409, error: 'last_owner', message: 'x' }, { status: 409, statusText: 'Conflict' });
    await settle();
    await fixture.whenStable();
    const dialog = page.querySelector('dialog[open]')!;
    expect(dialog.textContent).toContain('Remove Eli from the team?');
    expect(dialog.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'An account needs at least one owner. Make someone else an owner first.',
    );
  });

  it('resends and revokes invitations', async () => {
    await load();
    buttons(/Resend/)[0]!.click();
    http.expectOne(`/api/v1/accounts/invites/${INVITE.id}/resend`).flush({ ...INVITE, inviteUrl: 'http://app.test/accept-invite?code=x' });
    await settle();
    http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: [INVITE], nextCursor: null });
    await settle();
    await fixture.whenStable();
    expect(page.querySelector('.notice')?.textContent).toBe('The invitation was sent again to tara@acme.example.');

    buttons(/^\s*Revoke the invitation/)[0]!.click();
    await fixture.whenStable();
    buttons(/^\s*Revoke\s*$/).at(-1)!.click();
    http.expectOne(`/api/v1/accounts/invites/${INVITE.id}`).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: [{ ...INVITE, status: 'revoked' }], nextCursor: null });
    await settle();
    await fixture.whenStable();
    expect(row('tara@acme.example').textContent).toContain('Revoked');
  });

  it('shows the new link after resending the invitation just sent, and drops it once revoked', async () => {
    await load([]);
    const email = page.querySelector<HTMLInputElement>('input[name="inviteEmail"]')!;
    email.value = INVITE.email;
    email.dispatchEvent(new Event('input'));
    buttons(/Send invite/)[0]!.click();
    await fixture.whenStable();
    http.expectOne({ method: 'POST', url: '/api/v1/accounts/invites' }).flush({ ...INVITE, inviteUrl: 'http://app.test/accept-invite?code=old' });
    await settle();
    http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: [INVITE], nextCursor: null });
    await settle();
    await fixture.whenStable();
    expect(page.querySelector('.invite-link')?.textContent).toBe('http://app.test/accept-invite?code=old');

    buttons(/Resend/)[0]!.click();
    http.expectOne(`/api/v1/accounts/invites/${INVITE.id}/resend`).flush({ ...INVITE, inviteUrl: 'http://app.test/accept-invite?code=new' });
    await settle();
    http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: [INVITE], nextCursor: null });
    await settle();
    await fixture.whenStable();
    expect(page.querySelector('.invite-link')?.textContent).toBe('http://app.test/accept-invite?code=new');

    buttons(/^\s*Revoke the invitation/)[0]!.click();
    await fixture.whenStable();
    buttons(/^\s*Revoke\s*$/).at(-1)!.click();
    http.expectOne(`/api/v1/accounts/invites/${INVITE.id}`).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: [{ ...INVITE, status: 'revoked' }], nextCursor: null });
    await settle();
    await fixture.whenStable();
    expect(page.querySelector('.invite-link')).toBeNull();
  });

  describe('with more than one page', () => {
    const table = (index: 0 | 1) => page.querySelectorAll('app-data-table')[index]!;
    const moreButton = (index: 0 | 1) => table(index).querySelector<HTMLButtonElement>('.more button');
    const names = () => Array.from(table(0).querySelectorAll('tbody tr')).map((tr) => tr.querySelector('td')?.textContent?.trim());
    const notice = () => page.querySelector('.notice')?.textContent;
    const NEXT_MEMBERS = '/api/v1/accounts/members?limit=100&cursor=m2';

    it('appends the next page of members, announces it, and hides the button at the end', async () => {
      await load([INVITE], { members: 'm2' });
      expect(moreButton(1)).toBeNull();
      expect(moreButton(0)?.textContent?.trim()).toBe('Show more');

      moreButton(0)!.click();
      await fixture.whenStable();
      expect(moreButton(0)?.getAttribute('aria-busy')).toBe('true');
      await answer(() => http.expectOne(NEXT_MEMBERS).flush({ items: [member('4', 'Ana', 'viewer')], nextCursor: null }));

      expect(names()).toEqual(['Me (you)', 'Olivia', 'Eli', 'Ana']);
      expect(notice()).toBe('1 more member shown.');
      expect(moreButton(0)).toBeNull();
    });

    it('keeps the rows shown when the next page fails, says so, and tries again', async () => {
      await load([INVITE], { members: 'm2' });
      moreButton(0)!.click();
      await answer(() => http.expectOne(NEXT_MEMBERS).flush(null, { status: 0, statusText: 'Unknown Error' }));

      expect(names()).toEqual(['Me (you)', 'Olivia', 'Eli']);
      expect(table(0).querySelector('[role="alert"]')?.textContent).toContain('More could not be shown.');
      expect(moreButton(0)?.textContent?.trim()).toBe('Try again');

      moreButton(0)!.click();
      await answer(() =>
        http.expectOne(NEXT_MEMBERS).flush({ items: [member('4', 'Ana', 'viewer'), member('5', 'Bo', 'viewer')], nextCursor: 'm3' }),
      );
      expect(names()).toEqual(['Me (you)', 'Olivia', 'Eli', 'Ana', 'Bo']);
      expect(table(0).querySelector('[role="alert"]')).toBeNull();
      expect(notice()).toBe('2 more members shown.');
      expect(moreButton(0)?.textContent?.trim()).toBe('Show more');
    });

    it('removes a member of an appended page', async () => {
      await load([INVITE], { members: 'm2' });
      moreButton(0)!.click();
      await answer(() => http.expectOne(NEXT_MEMBERS).flush({ items: [member('4', 'Ana', 'viewer')], nextCursor: null }));

      (row('Ana').querySelectorAll('button')[1] as HTMLButtonElement).click();
      await fixture.whenStable();
      buttons(/^\s*Remove\s*$/).at(-1)!.click();
      await answer(() =>
        http.expectOne('/api/v1/accounts/members/00000000-0000-4000-8000-000000000004').flush(null, { status: 204, statusText: 'No Content' }),
      );
      expect(names()).toEqual(['Me (you)', 'Olivia', 'Eli']);
      expect(notice()).toBe('Ana was removed from the team.');
    });

    it('appends invitations, and starts again from the first page after revoking one of them', async () => {
      const later: AccountInvite = { ...INVITE, id: '00000000-0000-4000-8000-0000000000f2', email: 'sam@acme.example' };
      await load([INVITE], { invites: 'i2' });
      moreButton(1)!.click();
      await answer(() => http.expectOne('/api/v1/accounts/invites?limit=100&cursor=i2').flush({ items: [later], nextCursor: null }));
      expect(row('sam@acme.example').textContent).toContain('Pending');
      expect(notice()).toBe('1 more invitation shown.');
      expect(moreButton(1)).toBeNull();

      buttons(/^\s*Revoke the invitation for sam/)[0]!.click();
      await fixture.whenStable();
      buttons(/^\s*Revoke\s*$/).at(-1)!.click();
      await answer(() => http.expectOne(`/api/v1/accounts/invites/${later.id}`).flush(null, { status: 204, statusText: 'No Content' }));
      await answer(() => http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: [INVITE], nextCursor: 'i2' }));
      expect(table(1).textContent).not.toContain('sam@acme.example');
      expect(moreButton(1)?.textContent?.trim()).toBe('Show more');
    });
  });

  it('checks the invite form with the contract before sending', async () => {
    await load([]);
    expect(page.textContent).toContain('No invitations yet.');
    buttons(/Send invite/)[0]!.click();
    await fixture.whenStable();
    expect(page.querySelector('input[name="inviteEmail"]')?.getAttribute('aria-invalid')).toBe('true');
  });
});
