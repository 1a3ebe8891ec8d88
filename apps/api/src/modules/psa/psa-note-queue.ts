import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { PermanentJobError, type JobContext } from '../../core/jobs/job.types.js';
import { ConnectWiseError } from './connectwise-client.js';
import { ConnectWiseClients, UnreadableCredentialsError } from './connectwise-clients.js';
import { PsaConnectionsRepository } from './psa-connections.repository.js';

export const PSA_NOTE_QUEUE = 'psa.note';
// With the default backoff (2 s doubling, 10 min cap) this keeps trying for about 40 minutes.
const MAX_ATTEMPTS = 10;

interface PsaNotePayload {
  ticketId: string;
  text: string;
}

/**
 * Ticket notes as durable jobs with a delivery record (channel `psa`): the caller's workflow never
 * waits on ConnectWise, an outage delays the note, and a refusal is recorded as dead.
 */
@Injectable()
export class PsaNoteQueue implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly tenant: TenantDatabase,
    private readonly connections: PsaConnectionsRepository,
    private readonly clients: ConnectWiseClients,
  ) {}

  onModuleInit(): void {
    this.jobs.register<PsaNotePayload>({
      queue: PSA_NOTE_QUEUE,
      maxAttempts: MAX_ATTEMPTS,
      handle: (payload, ctx) => this.deliver(payload, ctx),
    });
  }

  enqueue(accountId: string, ticketId: string, text: string, options: { manager?: EntityManager; purpose: string }): Promise<string> {
    return this.jobs.enqueue<PsaNotePayload>(PSA_NOTE_QUEUE, { ticketId, text }, {
      manager: options.manager,
      accountId,
      delivery: { channel: 'psa', purpose: options.purpose, target: `ticket #${ticketId}` },
    });
  }

  private async deliver(payload: PsaNotePayload, ctx: JobContext): Promise<void> {
    const accountId = ctx.accountId;
    if (!accountId) throw new PermanentJobError('A PSA note job must belong to an account');
    // The connection is read when the note goes out, so a fixed key or site applies to notes still waiting.
    const connection = await this.tenant.run(accountId, (manager) => this.connections.findForAccount(manager, accountId));
    if (!connection) throw new PermanentJobError('The account has no PSA connection any more');
    try {
      await this.clients.forConnection(connection).addNote(payload.ticketId, payload.text);
    } catch (error) {
      const permanent =
        error instanceof UnreadableCredentialsError || (error instanceof ConnectWiseError && !error.retryable);
      if (permanent) throw new PermanentJobError((error as Error).message, { cause: error });
      throw error;
    }
  }
}
