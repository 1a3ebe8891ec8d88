import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { NotificationsService } from '../../apps/api/src/modules/notifications/notifications.service.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('notifications', () => {
  let t: TestApp;
  let alpha: SignedIn;
  let bravo: SignedIn;

  const notify = (who: SignedIn, title: string) =>
    t.app
      .get(TenantDatabase)
      .run(who.user.account.id, (manager) =>
        t.app.get(NotificationsService).notify(manager, who.user.account.id, [who.user.id], { type: 'escalation', title, link: '/pilot/x?pickup=true' }),
      );

  beforeAll(async () => {
    t = await bootTestApp();
    alpha = await registerOwner(t.http);
    bravo = await registerOwner(t.http);
  });
  afterAll(() => t.close());

  it('lists unread first, newest first, with the unread count, and pages by cursor', async () => {
    const [older] = await notify(alpha, 'first');
    await notify(alpha, 'second');
    await notify(alpha, 'third');
    expect((await t.http.post(`/api/v1/notifications/${older!.id}/read`, undefined, { token: alpha.token })).status).toBe(200);

    const page1 = await t.http.get('/api/v1/notifications?limit=2', { token: alpha.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((n: { title: string }) => n.title)).toEqual(['third', 'second']);
    expect(page1.body.unreadCount).toBe(2);
    const page2 = await t.http.get(`/api/v1/notifications?limit=2&cursor=${page1.body.nextCursor}`, { token: alpha.token });
    expect(page2.body.items.map((n: { title: string; read: boolean }) => [n.title, n.read])).toEqual([['first', true]]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('marks all read', async () => {
    await notify(alpha, 'fourth');
    const res = await t.http.post('/api/v1/notifications/read-all', undefined, { token: alpha.token });
    expect(res.body.marked).toBeGreaterThan(0);
    expect((await t.http.get('/api/v1/notifications/unread-count', { token: alpha.token })).body.unreadCount).toBe(0);
  });

  it("keeps each person's notifications to them: another account's id is a 404 and stays unread", async () => {
    const [theirs] = await notify(bravo, 'for bravo');
    const res = await t.http.post(`/api/v1/notifications/${theirs!.id}/read`, undefined, { token: alpha.token });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
    expect((await t.http.get('/api/v1/notifications/unread-count', { token: bravo.token })).body.unreadCount).toBe(1);
    const list = await t.http.get('/api/v1/notifications', { token: alpha.token });
    expect(list.body.items.some((n: { id: string }) => n.id === theirs!.id)).toBe(false);
  });

  it('rejects malformed ids and cursors with 400', async () => {
    expect((await t.http.post('/api/v1/notifications/not-a-uuid/read', undefined, { token: alpha.token })).status).toBe(400);
    expect((await t.http.get('/api/v1/notifications?cursor=zzz', { token: alpha.token })).status).toBe(400);
  });
});

describe('notification preferences', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('lets each person turn escalation email off and on, for themselves only', async () => {
    const me = await registerOwner(t.http);
    const other = await registerOwner(t.http);
    const url = '/api/v1/users/me/notification-preferences';
    expect((await t.http.get(url, { token: me.token })).body).toEqual({ emailNotifications: true });
    expect((await t.http.put(url, { emailNotifications: false }, { token: me.token })).body).toEqual({ emailNotifications: false });
    expect((await t.http.get(url, { token: me.token })).body).toEqual({ emailNotifications: false });
    expect((await t.http.get(url, { token: other.token })).body).toEqual({ emailNotifications: true });
    const bad = await t.http.put(url, { emailNotifications: 'no' }, { token: me.token });
    expect(bad.status).toBe(400);
  });
});
