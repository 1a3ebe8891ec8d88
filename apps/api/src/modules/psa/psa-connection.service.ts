import { Injectable } from '@nestjs/common';
import type { PsaConnection, PsaConnectionTestResult, upsertPsaConnectionRequestSchema } from '@resolutionflow/contracts';
import type { z } from 'zod';
import { AuditRepository } from '../../core/audit/audit.repository.js';
import type { Principal } from '../../core/auth/principal.js';
import { AppConfig } from '../../core/config/app-config.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { ConnectWiseError } from './connectwise-client.js';
import { ConnectWiseClients, UnreadableCredentialsError } from './connectwise-clients.js';
import { PsaConnectionsRepository, type PsaConnectionSettings } from './psa-connections.repository.js';
import { psaNotConnected } from './psa-errors.js';
import { siteUrlProblem } from './psa-site-url.js';
import { mapPsaConnection } from './psa.mapper.js';

type UpsertPsaConnection = z.output<typeof upsertPsaConnectionRequestSchema>;

/** The account's PSA connection settings, managed by its owners and admins. */
@Injectable()
export class PsaConnectionService {
  constructor(
    private readonly connections: PsaConnectionsRepository,
    private readonly clients: ConnectWiseClients,
    private readonly audit: AuditRepository,
    private readonly config: AppConfig,
    private readonly tenant: TenantDatabase,
  ) {}

  async get(): Promise<PsaConnection> {
    const connection = await this.connections.findCurrent();
    if (!connection) throw new AppError(404, 'psa_not_connected', 'This account has no PSA connection');
    return mapPsaConnection(connection);
  }

  /** Creates or replaces the connection; without `privateKey` the stored one is kept (and must exist). */
  async save(actor: Principal, input: UpsertPsaConnection): Promise<PsaConnection> {
    const problem = siteUrlProblem(input.siteUrl, this.config.isProduction);
    if (problem) throw new AppError(422, problem.code, problem.message, { fields: { siteUrl: [problem.message] } });
    const settings: PsaConnectionSettings = {
      siteUrl: input.siteUrl,
      companyId: input.companyId,
      publicKey: input.publicKey,
      clientId: input.clientId,
      defaultBoardId: input.defaultBoardId ?? null,
      defaultStatusId: input.defaultStatusId ?? null,
      defaultCompanyIdentifier: input.defaultCompanyIdentifier ?? null,
    };
    if (input.privateKey) {
      await this.connections.upsert(settings, this.clients.sealPrivateKey(actor.accountId, input.privateKey));
    } else if (!(await this.connections.updateKeepingKey(settings))) {
      throw new AppError(422, 'psa_private_key_required', 'A new PSA connection needs its private key', {
        fields: { privateKey: ['is required for a new connection'] },
      });
    }
    await this.audit.record({
      actorUserId: actor.userId,
      action: 'psa_connection.saved',
      targetType: 'psa_connection',
      targetId: actor.accountId,
      // What changed, never the key itself.
      data: { provider: 'connectwise', siteUrl: settings.siteUrl, companyId: settings.companyId, privateKeyChanged: Boolean(input.privateKey) },
    });
    return this.get();
  }

  /** Removing twice is harmless. Notes still queued for the connection fail as dead. */
  async remove(actor: Principal): Promise<void> {
    if (!(await this.connections.remove())) return;
    await this.audit.record({ actorUserId: actor.userId, action: 'psa_connection.removed', targetType: 'psa_connection', targetId: actor.accountId });
  }

  /**
   * Calls ConnectWise with the saved settings; a failure is reported in the answer and recorded, not
   * thrown. Runs outside a request transaction: no pooled connection waits on ConnectWise.
   */
  async test(accountId: string): Promise<PsaConnectionTestResult> {
    const connection = await this.tenant.run(accountId, () => this.connections.findCurrent());
    if (!connection) throw psaNotConnected();
    let ok = false;
    let message: string;
    try {
      const info = await this.clients.forConnection(connection).systemInfo();
      ok = true;
      message = info.version ? `Connected to ConnectWise Manage ${info.version}` : 'Connected to ConnectWise Manage';
    } catch (error) {
      if (!(error instanceof ConnectWiseError || error instanceof UnreadableCredentialsError)) throw error;
      message = error.message;
    }
    const testedAt = new Date();
    await this.tenant.run(accountId, () => this.connections.recordTest(ok, message, testedAt));
    return { ok, message, testedAt: testedAt.toISOString() };
  }
}
