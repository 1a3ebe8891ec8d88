import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the capture server received it. */
export interface CapturedMail {
  /** Envelope recipients (RCPT TO), which is where the message was actually delivered. */
  to: string[];
  /** The From header as written by the sender. */
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
}

/** `reject` answers an SMTP error at RCPT TO or DATA; `down` closes the listening socket so connections are refused. */
export type SmtpFailureMode = 'none' | 'reject' | 'down';

export interface SmtpRejection {
  /** 5xx is a permanent refusal, 4xx a temporary one. Default 550. */
  code?: number;
  /** Default `rcpt`. */
  at?: 'rcpt' | 'data';
}

interface Waiter {
  predicate: (mail: CapturedMail) => boolean;
  resolve: (mail: CapturedMail) => void;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, for tests of outbound mail.
 * Plain text, no auth required. After `down` it comes back on the same port, so an app
 * configured with `url` reaches it again without a restart.
 */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server: SMTPServer | undefined;
  private port = 0;
  private mode: SmtpFailureMode = 'none';
  private rejectWith: Required<SmtpRejection> = { code: 550, at: 'rcpt' };
  private readonly waiters = new Set<Waiter>();

  get url(): string {
    if (!this.port) throw new Error('SmtpCapture is not started');
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Switches how the server answers; leaving `down` listens again on the same port. */
  async setFailure(mode: SmtpFailureMode, rejection: SmtpRejection = {}): Promise<void> {
    this.mode = mode;
    this.rejectWith = { code: rejection.code ?? 550, at: rejection.at ?? 'rcpt' };
    if (mode === 'down') await this.stop();
    else await this.start();
  }

  /** The first message, already received or still to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs = 5_000): Promise<CapturedMail> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (mail) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(mail);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.messages.map((m) => `"${m.subject}" to ${m.to.join(', ')}`).join('; ') || 'none';
        reject(new Error(`No matching mail within ${timeoutMs} ms (received: ${seen})`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Listens on a free port the first time, and on that same port after `stop` or `down`. */
  start(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Closing for `down` or `stop` must not wait out the 30 s default for idle clients.
      closeTimeout: 100,
      onRcptTo: (_address, _session, callback) => callback(this.rejection('rcpt')),
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (parsed) => {
            const failure = this.rejection('data');
            if (failure) return callback(failure);
            this.store({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: parsed.from?.text ?? '',
              replyTo: parsed.replyTo?.text,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: parsed.html || undefined,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        // A client dropping its socket (the app closing mid-session) is not a failure of the capture.
        server.on('error', () => undefined);
        this.port = (server.server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private rejection(step: 'rcpt' | 'data'): Error | null {
    if (this.mode !== 'reject' || this.rejectWith.at !== step) return null;
    const { code } = this.rejectWith;
    return Object.assign(new Error(code >= 500 ? 'Rejected by the capture server' : 'Try again later'), { responseCode: code });
  }

  private store(mail: CapturedMail): void {
    this.messages.push(mail);
    for (const waiter of [...this.waiters]) if (waiter.predicate(mail)) waiter.resolve(mail);
  }
}
