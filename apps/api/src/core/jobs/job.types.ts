import type { EntityManager } from 'typeorm';

export type DeliveryChannel = 'email' | 'slack' | 'teams' | 'psa' | 'ai' | 'analytics' | 'stripe';

/** What a job delivers, recorded so people can see every outbound side effect and its fate. */
export interface DeliveryInfo {
  channel: DeliveryChannel;
  /** e.g. `verify_email`, `handoff_created`. */
  purpose: string;
  /** Where it goes, safe to show: an email address, a webhook host, a ticket id. */
  target: string;
}

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists only if the change that caused it commits. */
  manager?: EntityManager;
  accountId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  delivery?: DeliveryInfo;
}

export interface JobContext {
  jobId: string;
  attempt: number;
  maxAttempts: number;
  accountId: string | null;
}

export interface JobDefinition<P> {
  queue: string;
  maxAttempts?: number;
  handle(payload: P, ctx: JobContext): Promise<void>;
}

/** Thrown by a handler when retrying cannot help (a 5xx SMTP refusal, a 4xx from an API): the job goes dead at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}
