/** nodemailer's codes for a connection that failed, timed out or dropped: the server may be back later. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

/**
 * An email was not delivered. `retryable` tells a job queue whether trying again can help:
 * unreachable servers, timeouts and 4xx replies can; 5xx replies and malformed messages cannot.
 * It carries codes only, never addresses or the server's reply text, so it is safe to log.
 */
export class MailDeliveryError extends Error {
  constructor(
    readonly retryable: boolean,
    /** nodemailer's or Node's error code, e.g. `ESOCKET`, `EENVELOPE`; `UNKNOWN` when there is none. */
    readonly code: string,
    /** The SMTP reply code, when the server answered. */
    readonly responseCode?: number,
    /** The SMTP step that failed, e.g. `RCPT TO`, `DATA`, `CONN`. */
    readonly command?: string,
  ) {
    super(
      `Mail delivery failed (${[code, responseCode, command && `at ${command}`].filter(Boolean).join(' ')}), ` +
        (retryable ? 'retryable' : 'permanent'),
    );
    this.name = 'MailDeliveryError';
  }

  /** Classifies whatever a transport threw. */
  static from(error: unknown): MailDeliveryError {
    if (error instanceof MailDeliveryError) return error;
    const { code, responseCode, command } = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
    const reply = typeof responseCode === 'number' ? responseCode : undefined;
    const errorCode = typeof code === 'string' ? code : 'UNKNOWN';
    const retryable = reply !== undefined && reply >= 400 ? reply < 500 : TRANSIENT_CODES.has(errorCode);
    return new MailDeliveryError(retryable, errorCode, reply, typeof command === 'string' ? command : undefined);
  }
}
