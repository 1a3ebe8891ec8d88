import { simpleParser } from 'mailparser';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OutboxMailTransport } from './outbox-mail-transport.js';

describe('OutboxMailTransport', () => {
  let dataDir: string;
  let logged: unknown[][];
  let sut: OutboxMailTransport;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rf-outbox-'));
    logged = [];
    sut = new OutboxMailTransport(join(dataDir, 'mail'), { log: (...args: unknown[]) => logged.push(args) });
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const mail = {
    from: 'ResolutionFlow <no-reply@resolutionflow.test>',
    to: 'ana@client.example',
    replyTo: 'support@resolutionflow.test',
    subject: 'Confirm your email',
    text: 'Open https://app.example.test/verify?token=secret-token-1',
    html: '<p>Open <a href="https://app.example.test/verify?token=secret-token-1">this</a></p>',
    tag: 'verify_email',
  };

  it('writes one parseable .eml per message into the mail folder, readable by its owner only', async () => {
    const receipt = await sut.deliver(mail);

    expect(receipt.transport).toBe('outbox');
    const files = await readdir(join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-verify_email-[0-9a-f]{8}\.eml$/);
    const path = join(dataDir, 'mail', files[0]!);
    expect(receipt).toEqual({ transport: 'outbox', messageId: expect.stringMatching(/^<.+@.+>$/), path });
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const raw = await readFile(path);
    expect(raw.includes('\r\n')).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.value).toEqual([{ name: 'ResolutionFlow', address: 'no-reply@resolutionflow.test' }]);
    expect(parsed.replyTo?.text).toBe(mail.replyTo);
    expect(parsed.messageId).toBe(receipt.messageId);
    expect(parsed.text?.trim()).toBe(mail.text);
    expect(parsed.html).toContain('token=secret-token-1');
    expect([parsed.to].flat()[0]?.text).toBe(mail.to);
  });

  it('keeps every message when several are written at once', async () => {
    const receipts = await Promise.all([1, 2, 3].map((n) => sut.deliver({ ...mail, subject: `Message ${n}` })));
    expect(new Set(receipts.map((r) => (r.transport === 'outbox' ? r.path : ''))).size).toBe(3);
    expect(await readdir(join(dataDir, 'mail'))).toHaveLength(3);
  });

  it('logs one line with recipient, subject, tag and path, never the body', async () => {
    const receipt = await sut.deliver(mail);

    expect(logged).toHaveLength(1);
    const [fields, message] = logged[0]!;
    expect(fields).toEqual({
      to: mail.to,
      subject: mail.subject,
      tag: 'verify_email',
      path: receipt.transport === 'outbox' ? receipt.path : undefined,
    });
    expect(message).toBe('Mail written to the outbox');
    expect(JSON.stringify(logged)).not.toContain('secret-token-1');
  });

  it('creates the folder on first use, however deep', async () => {
    const deep = new OutboxMailTransport(join(dataDir, 'a', 'b', 'mail'), { log: () => undefined });
    const receipt = await deep.deliver(mail);
    expect(receipt.transport === 'outbox' && dirname(receipt.path)).toBe(join(dataDir, 'a', 'b', 'mail'));
  });
});
