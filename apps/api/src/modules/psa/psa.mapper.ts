import type { PsaConnection, PsaTicket } from '@resolutionflow/contracts';
import type { ConnectWiseTicket } from './connectwise-client.js';
import type { PsaConnectionEntity } from './psa-connection.entity.js';

/** The connection as shown back: everything but the private key, which is only acknowledged. */
export function mapPsaConnection(connection: PsaConnectionEntity): PsaConnection {
  return {
    provider: connection.provider,
    siteUrl: connection.siteUrl,
    companyId: connection.companyId,
    publicKey: connection.publicKey,
    privateKeySet: true,
    clientId: connection.clientId,
    defaultBoardId: connection.defaultBoardId,
    defaultStatusId: connection.defaultStatusId,
    defaultCompanyIdentifier: connection.defaultCompanyIdentifier,
    lastTestedAt: connection.lastTestedAt?.toISOString() ?? null,
    lastTestOk: connection.lastTestOk,
    lastTestMessage: connection.lastTestMessage,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}

export function mapPsaTicket(ticket: ConnectWiseTicket): PsaTicket {
  return {
    id: String(ticket.id),
    summary: ticket.summary,
    status: ticket.status?.name ?? 'Unknown',
    board: ticket.board?.name ?? null,
    company: ticket.company?.name ?? ticket.company?.identifier ?? null,
  };
}
