import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { REPOSITORY_ROOT } from '../version.js';
import { createMailTransport } from './create-mail-transport.js';
import { OutboxMailTransport } from './outbox-mail-transport.js';
import { SmtpMailTransport } from './smtp-mail-transport.js';

describe('createMailTransport', () => {
  let lines: Array<{ level: string; fields: unknown; message: unknown }>;
  const logger = {
    log: (fields: unknown, message: unknown) => void lines.push({ level: 'log', fields, message }),
    warn: (fields: unknown, message: unknown) => void lines.push({ level: 'warn', fields, message }),
  };
  beforeEach(() => {
    lines = [];
  });

  it('sends through SMTP when SMTP_URL is set, logging the host but never the credentials', () => {
    const transport = createMailTransport(loadConfig({ SMTP_URL: 'smtps://mailer:s3cret@smtp.example.test:465' }), logger);
    expect(transport).toBeInstanceOf(SmtpMailTransport);
    expect(transport.kind).toBe('smtp');
    expect(lines).toEqual([{ level: 'log', fields: { transport: 'smtp', host: 'smtp.example.test:465' }, message: 'Mail is sent through SMTP' }]);
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://, naming the variable', () => {
    expect(() => createMailTransport(loadConfig({ SMTP_URL: 'https://smtp.example.test' }), logger)).toThrow(ConfigError);
    expect(() => createMailTransport(loadConfig({ SMTP_URL: 'https://smtp.example.test' }), logger)).toThrow(/SMTP_URL/);
  });

  it('writes to <DATA_DIR>/mail under the repository when SMTP_URL is unset', () => {
    const transport = createMailTransport(loadConfig({ DATA_DIR: '.data' }), logger);
    expect(transport).toBeInstanceOf(OutboxMailTransport);
    expect((transport as OutboxMailTransport).dir).toBe(join(REPOSITORY_ROOT, '.data', 'mail'));
    expect(lines[0]).toMatchObject({ level: 'log', fields: { transport: 'outbox', dir: join(REPOSITORY_ROOT, '.data', 'mail') } });
  });

  it('keeps an absolute DATA_DIR as given', () => {
    const transport = createMailTransport(loadConfig({ DATA_DIR: '/var/lib/resolutionflow' }), logger);
    expect((transport as OutboxMailTransport).dir).toBe('/var/lib/resolutionflow/mail');
  });

  it('warns in production that mail without SMTP reaches nobody', () => {
    createMailTransport(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'k'.repeat(64) }), logger);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('warn');
  });
});
