import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { ConnectWiseClients } from './connectwise-clients.js';
import { PsaConnectionController } from './psa-connection.controller.js';
import { PsaConnectionService } from './psa-connection.service.js';
import { PsaConnectionsRepository } from './psa-connections.repository.js';
import { PsaNoteQueue } from './psa-note-queue.js';
import { PsaTicketsController } from './psa-tickets.controller.js';
import { PsaService } from './psa.service.js';

/** ConnectWise Manage: the account's connection, ticket lookup, ticket creation and notes as durable jobs. */
@Module({
  imports: [BillingModule],
  controllers: [PsaConnectionController, PsaTicketsController],
  providers: [PsaConnectionsRepository, ConnectWiseClients, PsaNoteQueue, PsaConnectionService, PsaService],
  exports: [PsaService],
})
export class PsaModule {}
