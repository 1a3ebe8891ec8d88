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

  async function load(invites: AccountInvite[] = [INVITE]): Promise<void> {
    http.expectOne('/api/v1/accounts/members?limit=100').flush({ items: MEMBERS, nextCursor: null });
    http.expectOne('/api/v1/accounts/invites?limit=100').flush({ items: invites, nextCursor: null });
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

  it('checks the invite form with the contract before sending', async () => {
    await load([]);
    expect(page.textContent).toContain('No invitations yet.');
    buttons(/Send invite/)[0]!.click();
    await fixture.whenStable();
    expect(page.querySelector('input[name="inviteEmail"]')?.getAttribute('aria-invalid')).toBe('true');
  });
});
