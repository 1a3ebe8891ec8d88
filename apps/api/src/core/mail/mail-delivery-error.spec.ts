import { MailDeliveryError } from './mail-delivery-error.js';

/** Errors shaped as nodemailer's SMTP client raises them. */
function smtpError(code: string, responseCode?: number, command?: string): Error {
  return Object.assign(new Error('smtp failure'), { code, responseCode, command });
}

describe('MailDeliveryError.from', () => {
  it.each([
    ['connection refused', smtpError('ESOCKET', undefined, 'CONN')],
    ['connection or greeting timeout', smtpError('ETIMEDOUT', undefined, 'CONN')],
    ['connection closed unexpectedly', smtpError('ECONNECTION', undefined, 'CONN')],
    ['DNS failure', smtpError('EDNS', undefined, 'CONN')],
    ['4xx at RCPT TO', smtpError('EENVELOPE', 450, 'RCPT TO')],
    ['4xx at DATA', smtpError('EMESSAGE', 451, 'DATA')],
    ['421 service closing', smtpError('ECONNECTION', 421, 'EHLO')],
  ])('%s is retryable', (_name, error) => {
    expect(MailDeliveryError.from(error).retryable).toBe(true);
  });

  it.each([
    ['5xx at RCPT TO', smtpError('EENVELOPE', 550, 'RCPT TO')],
    ['5xx at DATA', smtpError('EMESSAGE', 554, 'DATA')],
    ['5xx greeting even on a connection error code', smtpError('ECONNECTION', 554, 'CONN')],
    ['rejected credentials', smtpError('EAUTH', 535, 'AUTH PLAIN')],
    ['an invalid address caught before sending', smtpError('EENVELOPE', undefined, 'API')],
    ['an error without a code', new Error('boom')],
    ['something that is not an error', 'boom'],
  ])('%s is permanent', (_name, error) => {
    expect(MailDeliveryError.from(error).retryable).toBe(false);
  });

  it('keeps the codes and says which step failed, without the server reply', () => {
    const error = MailDeliveryError.from(
      Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <ana@client.example> unknown"), {
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
      }),
    );
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', retryable: false });
    expect(error.message).toBe('Mail delivery failed (EENVELOPE 550 at RCPT TO), permanent');
    expect(error.message).not.toContain('ana@');
  });

  it('passes a MailDeliveryError through unchanged', () => {
    const original = new MailDeliveryError(true, 'ETIMEDOUT');
    expect(MailDeliveryError.from(original)).toBe(original);
  });
});
