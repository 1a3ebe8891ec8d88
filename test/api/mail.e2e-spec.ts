import { simpleParser } from 'mailparser';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDeliveryError } from '../../apps/api/src/core/mail/mail-delivery-error.js';
import { verifyEmail } from '../../apps/api/src/core/mail/mail-templates.js';
import { MailService } from '../../apps/api/src/core/mail/mail.service.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const MAIL_FROM = 'ResolutionFlow <no-reply@resolutionflow.test>';

describe('Outbound mail through SMTP', () => {
  const capture = new SmtpCapture();
  let t: TestApp;
  let mail: MailService;

  beforeAll(async () => {
    await capture.start();
    t = await bootTestApp({ env: { SMTP_URL: capture.url, MAIL_FROM } });
    mail = t.app.get(MailService);
  });
  afterEach(() => capture.setFailure('none'));
  afterAll(async () => {
    await t?.close();
    await capture.stop();
  });

  it('delivers a rendered template to the SMTP server', async () => {
    const link = `${t.config.env.APP_URL}/verify-email?token=tok_e2e_1`;

    const receipt = await mail.send({ to: 'ana@client.example', tag: 'verify_email', ...verifyEmail({ name: 'Ana', link }) });

    expect(receipt).toEqual({ transport: 'smtp', messageId: expect.stringMatching(/^<.+>$/) });
    const received = await capture.waitFor((m) => m.to.includes('ana@client.example'));
    expect(received.subject).toBe('Confirm your email for ResolutionFlow');
    expect(received.from).toBe('"ResolutionFlow" <no-reply@resolutionflow.test>');
    expect(received.text).toContain(link);
    expect(received.html).toContain(`href="${link}"`);
  });

  it('carries Reply-To when the caller sets one', async () => {
    await mail.send({
      to: 'sales@resolutionflow.test',
      replyTo: 'dana@client.example',
      subject: 'New sales lead: Client',
      text: 'Dana got in touch.',
      tag: 'sales_lead',
    });
    const received = await capture.waitFor((m) => m.subject === 'New sales lead: Client');
    expect(received.to).toEqual(['sales@resolutionflow.test']);
    expect(received.replyTo).toBe('dana@client.example');
    expect(received.html).toBeUndefined();
  });

  it('reports a 5xx refusal as a permanent MailDeliveryError', async () => {
    await capture.setFailure('reject', { code: 550, at: 'rcpt' });

    const error = await mail.send({ to: 'nobody@client.example', subject: 'Refused', text: 'x', tag: 'verify_email' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ retryable: false, responseCode: 550, command: 'RCPT TO' });
    expect(capture.messages.some((m) => m.subject === 'Refused')).toBe(false);
  });

  it('reports a 4xx answer to the message as a retryable MailDeliveryError', async () => {
    await capture.setFailure('reject', { code: 451, at: 'data' });

    const error = await mail.send({ to: 'ana@client.example', subject: 'Deferred', text: 'x', tag: 'verify_email' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ retryable: true, responseCode: 451 });
    expect(capture.messages.some((m) => m.subject === 'Deferred')).toBe(false);
  });

  it('reports a server that is down as retryable, and delivers once it is back on the same address', async () => {
    const url = capture.url;
    await capture.setFailure('down');

    const error = await mail.send({ to: 'ana@client.example', subject: 'While down', text: 'x', tag: 'verify_email' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ retryable: true, code: 'ESOCKET' });

    await capture.setFailure('none');
    expect(capture.url).toBe(url);
    await mail.send({ to: 'ana@client.example', subject: 'After restart', text: 'x', tag: 'verify_email' });
    await expect(capture.waitFor((m) => m.subject === 'After restart')).resolves.toMatchObject({ to: ['ana@client.example'] });
  });
});

describe('Outbound mail without SMTP_URL', () => {
  let dataDir: string;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rf-mail-e2e-'));
    t = await bootTestApp({ env: { DATA_DIR: dataDir, MAIL_FROM } });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the message as an .eml file into <DATA_DIR>/mail', async () => {
    const receipt = await t.app.get(MailService).send({ to: 'ana@client.example', subject: 'Kept locally', text: 'Hello Ana', tag: 'verify_email' });

    expect(receipt.transport).toBe('outbox');
    const path = receipt.transport === 'outbox' ? receipt.path : '';
    expect(path.startsWith(join(dataDir, 'mail'))).toBe(true);
    const parsed = await simpleParser(await readFile(path));
    expect(parsed.subject).toBe('Kept locally');
    expect(parsed.text?.trim()).toBe('Hello Ana');
  });
});
