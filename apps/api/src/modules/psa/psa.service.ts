import { Injectable } from '@nestjs/common';
import { psaTicketIdSchema, type PsaTicket, type PsaTicketList, type PsaTicketSearchQuery } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import type { ConnectWiseClient } from './connectwise-client.js';
import { ConnectWiseClients } from './connectwise-clients.js';
import type { PsaConnectionEntity } from './psa-connection.entity.js';
import { PsaConnectionsRepository } from './psa-connections.repository.js';
import { psaFailure, psaNotConnected } from './psa-errors.js';
import { mapPsaTicket } from './psa.mapper.js';
import { PsaNoteQueue } from './psa-note-queue.js';

const NOTE_MAX_LENGTH = 50_000;

/**
 * The PSA as other modules use it (sessions link, spin off and document tickets). Every method
 * names the account; it joins the caller's tenant transaction for that account or opens its own,
 * and never holds one while waiting on ConnectWise unless the caller already does.
 *
 * Errors: 409 `psa_not_connected` without a connection, 502 `psa_unavailable` when ConnectWise
 * fails a synchronous call, 409 `psa_credentials_unreadable` when the stored key does not decrypt.
 */
@Injectable()
export class PsaService {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly connections: PsaConnectionsRepository,
    private readonly clients: ConnectWiseClients,
    private readonly notes: PsaNoteQueue,
  ) {}

  async isConnected(accountId: string): Promise<boolean> {
    return (await this.connectionOf(accountId)) !== null;
  }

  /** Opens a ticket with the connection's default board, status and company. */
  async createTicket(accountId: string, input: { summary: string; description: string }): Promise<{ ticketId: string }> {
    if (!input.summary.trim()) throw new AppError(422, 'psa_ticket_summary_empty', 'A ticket needs a summary');
    const connection = await this.requireConnection(accountId);
    try {
      const ticket = await this.clients.forConnection(connection).createTicket({
        summary: input.summary,
        initialDescription: input.description,
        boardId: connection.defaultBoardId,
        statusId: connection.defaultStatusId,
        companyIdentifier: connection.defaultCompanyIdentifier,
      });
      return { ticketId: String(ticket.id) };
    } catch (error) {
      throw psaFailure(error);
    }
  }

  /** The ticket, or null when ConnectWise has none with this number (or it is not a ticket number). */
  async getTicket(accountId: string, ticketId: string): Promise<PsaTicket | null> {
    const client = await this.clientFor(accountId);
    if (!psaTicketIdSchema.safeParse(ticketId).success) return null;
    try {
      const ticket = await client.getTicket(ticketId.trim());
      return ticket ? mapPsaTicket(ticket) : null;
    } catch (error) {
      throw psaFailure(error);
    }
  }

  async searchTickets(accountId: string, query: PsaTicketSearchQuery): Promise<PsaTicketList> {
    const client = await this.clientFor(accountId);
    try {
      const tickets = await client.searchTickets(query.search || undefined, query.limit);
      return { items: tickets.map(mapPsaTicket) };
    } catch (error) {
      throw psaFailure(error);
    }
  }

  /**
   * Queues `text` as a note on the ticket: a durable job with a delivery record (channel `psa`,
   * target `ticket #<id>`), retried through ConnectWise outages and recorded as dead on a refusal.
   * Pass `manager` to enqueue inside your transaction, so the note exists only if it commits.
   * Never waits on ConnectWise.
   */
  async enqueueNote(
    accountId: string,
    ticketId: string,
    text: string,
    options: { manager?: EntityManager; purpose: string },
  ): Promise<void> {
    if (!psaTicketIdSchema.safeParse(ticketId).success) throw new AppError(422, 'psa_ticket_id_invalid', 'Not a ticket number');
    if (!text.trim()) throw new AppError(422, 'psa_note_empty', 'A ticket note needs text');
    if (text.length > NOTE_MAX_LENGTH) throw new AppError(422, 'psa_note_too_long', `A ticket note holds at most ${NOTE_MAX_LENGTH} characters`);
    const connection = options.manager
      ? await this.connections.findForAccount(options.manager, accountId)
      : await this.connectionOf(accountId);
    if (!connection) throw psaNotConnected();
    await this.notes.enqueue(accountId, ticketId.trim(), text, options);
  }

  private connectionOf(accountId: string): Promise<PsaConnectionEntity | null> {
    return this.tenant.run(accountId, (manager) => this.connections.findForAccount(manager, accountId));
  }

  private async requireConnection(accountId: string): Promise<PsaConnectionEntity> {
    const connection = await this.connectionOf(accountId);
    if (!connection) throw psaNotConnected();
    return connection;
  }

  private async clientFor(accountId: string): Promise<ConnectWiseClient> {
    const connection = await this.requireConnection(accountId);
    try {
      return this.clients.forConnection(connection);
    } catch (error) {
      throw psaFailure(error);
    }
  }
}
