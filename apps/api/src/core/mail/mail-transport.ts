import type { SendMailOptions } from 'nodemailer';

/** One email for one recipient, as callers hand it to MailService. */
export interface OutboundMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** What kind of email this is (`verify_email`, `password_reset`…): it names the mail in logs and delivery records. */
  tag: string;
}

/** An OutboundMail with the sender filled in from MAIL_FROM. */
export interface ComposedMail extends OutboundMail {
  from: string;
}

export type MailReceipt =
  | { transport: 'smtp'; messageId: string }
  /** `path` is the written .eml file. */
  | { transport: 'outbox'; messageId: string; path: string };

/** Where mail goes: an SMTP server in production, a folder of .eml files when no SMTP_URL is set. */
export interface MailTransport {
  readonly kind: MailReceipt['transport'];
  deliver(mail: ComposedMail): Promise<MailReceipt>;
}

/** Injection token of the MailTransport chosen from the configuration. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export function toNodemailerMessage(mail: ComposedMail): SendMailOptions {
  return { from: mail.from, to: mail.to, replyTo: mail.replyTo, subject: mail.subject, text: mail.text, html: mail.html };
}
