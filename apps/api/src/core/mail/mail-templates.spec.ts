import { accountInvite, passwordReset, salesLeadNotification, verifyEmail } from './mail-templates.js';

const LINK = 'https://app.example.test/verify-email?token=tok_123&from=mail';

describe('mail templates', () => {
  it('verifyEmail greets by name and carries the link in both bodies', () => {
    const mail = verifyEmail({ name: 'Ana', link: LINK });
    expect(mail.subject).toBe('Confirm your email for ResolutionFlow');
    expect(mail.text).toContain('Hi Ana,');
    expect(mail.text).toContain(LINK);
    expect(mail.html).toContain(`href="${LINK.replace('&', '&amp;')}"`);
    expect(mail.html).toContain('Confirm my email');
  });

  it('passwordReset says when the link expires', () => {
    expect(passwordReset({ name: 'Ana', link: LINK, expiresMinutes: 60 }).text).toContain('expires in 1 hour');
    expect(passwordReset({ name: 'Ana', link: LINK, expiresMinutes: 120 }).text).toContain('expires in 2 hours');
    const mail = passwordReset({ name: 'Ana', link: LINK, expiresMinutes: 30 });
    expect(mail.subject).toBe('Reset your ResolutionFlow password');
    expect(mail.text).toContain('expires in 30 minutes');
    expect(mail.html).toContain('expires in 30 minutes');
    expect(mail.text).toContain(LINK);
  });

  it('accountInvite names the inviter, the account and the role with the right article', () => {
    const mail = accountInvite({ inviterName: 'Sam Lee', accountName: 'Acme IT', role: 'engineer', link: LINK });
    expect(mail.subject).toBe('Sam Lee invited you to Acme IT on ResolutionFlow');
    expect(mail.text).toContain('Sam Lee invited you to join Acme IT on ResolutionFlow as an engineer.');
    expect(accountInvite({ inviterName: 'Sam', accountName: 'Acme', role: 'viewer', link: LINK }).text).toContain('as a viewer.');
    expect(mail.text).toContain(LINK);
  });

  it('escapes names that users typed into the HTML body', () => {
    const mail = accountInvite({ inviterName: '<script>x()</script>', accountName: `O'Brien "IT"`, role: 'admin', link: LINK });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(mail.html).toContain('O&#39;Brien &quot;IT&quot;');
    expect(verifyEmail({ name: '<img src=x onerror=alert(1)>', link: LINK }).html).not.toContain('<img');
  });

  it('salesLeadNotification lists every field the lead gave', () => {
    const mail = salesLeadNotification({
      name: 'Dana',
      email: 'dana@client.example',
      company: 'Client & Co',
      teamSize: '6-10',
      message: 'Call me\nafter 3pm',
      source: 'pricing_page',
    });
    expect(mail.subject).toBe('New sales lead: Client & Co');
    expect(mail.text).toContain('Dana from Client & Co got in touch through the pricing page.');
    for (const line of ['Email: dana@client.example', 'Company: Client & Co', 'Team size: 6-10', 'Source: pricing page', 'Message: Call me\nafter 3pm']) {
      expect(mail.text).toContain(line);
    }
    expect(mail.html).toContain('Client &amp; Co');
  });

  it('salesLeadNotification reads well without the optional fields', () => {
    const mail = salesLeadNotification({ name: 'Dana', email: 'dana@client.example', company: 'Client', source: 'contact_page' });
    expect(mail.text).toContain('Team size: not given');
    expect(mail.text).not.toContain('Message:');
    expect(mail.text).not.toContain('undefined');
    expect(mail.html).not.toContain('undefined');
  });

  it('every template is branded and free of tracking images', () => {
    const all = [
      verifyEmail({ name: 'Ana', link: LINK }),
      passwordReset({ name: 'Ana', link: LINK, expiresMinutes: 60 }),
      accountInvite({ inviterName: 'Sam', accountName: 'Acme', role: 'admin', link: LINK }),
      salesLeadNotification({ name: 'Dana', email: 'd@x.example', company: 'X', source: 'contact_page' }),
    ];
    for (const mail of all) {
      expect(mail.text).toContain('ResolutionFlow');
      expect(mail.html).toContain('ResolutionFlow');
      expect(mail.html).not.toMatch(/<img/i);
    }
  });
});
