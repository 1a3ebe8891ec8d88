import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/app-config.js';
import { MailDeliveryError } from './mail-delivery-error.js';
import type { ComposedMail, MailReceipt, MailTransport } from './mail-transport.js';
import { MailService } from './mail.service.js';

/** Stands where the SMTP server would be: records what it was given, or fails like nodemailer does. */
class RecordingTransport implements MailTransport {
  readonly kind = 'smtp';
  readonly delivered: ComposedMail[] = [];
  failWith: unknown;

  async deliver(mail: ComposedMail): Promise<MailReceipt> {
    if (this.failWith) throw this.failWith;
    this.delivered.push(mail);
    return { transport: 'smtp', messageId: '<1@test>' };
  }
}

describe('MailService', () => {
  let transport: RecordingTransport;
  let sut: MailService;
  let logLines: Array<{ level: string; args: unknown[] }>;

  beforeEach(() => {
    transport = new RecordingTransport();
    sut = new MailService(transport, loadConfig({ MAIL_FROM: 'ResolutionFlow <mail@resolutionflow.test>' }));
    logLines = [];
    const record = (level: string) => (...args: unknown[]) => void logLines.push({ level, args });
    Logger.overrideLogger({ log: record('log'), warn: record('warn'), error: record('error'), debug: record('debug'), verbose: record('verbose') });
  });
  afterEach(() => Logger.overrideLogger(true));

  const message = { to: 'Ana.Doe@Client.Example', subject: 'Reset', text: 'token=abc', html: '<p>token=abc</p>', tag: 'password_reset' };

  it('sends from MAIL_FROM and returns the receipt', async () => {
    await expect(sut.send(message)).resolves.toEqual({ transport: 'smtp', messageId: '<1@test>' });
    expect(transport.delivered).toEqual([{ ...message, from: 'ResolutionFlow <mail@resolutionflow.test>' }]);
  });

  it('turns a permanent SMTP refusal into a MailDeliveryError logged with tag and domain only', async () => {
    transport.failWith = Object.assign(new Error('550 <Ana.Doe@Client.Example> no such user'), {
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
    });

    const error = await sut.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ retryable: false, responseCode: 550 });
    expect(logLines).toHaveLength(1);
    expect(logLines[0]!.level).toBe('error');
    expect(logLines[0]!.args[0]).toEqual({
      tag: 'password_reset',
      recipientDomain: 'client.example',
      transport: 'smtp',
      code: 'EENVELOPE',
      responseCode: 550,
      retryable: false,
    });
    expect(JSON.stringify(logLines)).not.toMatch(/ana\.doe|token=abc/i);
  });

  it('logs a retryable failure as a warning', async () => {
    transport.failWith = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET', command: 'CONN' });

    await expect(sut.send(message)).rejects.toMatchObject({ name: 'MailDeliveryError', retryable: true, code: 'ESOCKET' });
    expect(logLines.map((l) => l.level)).toEqual(['warn']);
  });
});
