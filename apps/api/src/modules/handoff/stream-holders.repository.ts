import { Injectable } from '@nestjs/common';
import type { Role } from '@resolutionflow/contracts';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { queryRows } from '../../core/database/sql.js';

/** What decides whether a stream holder may still follow the stream; a holder without a row is gone. */
export interface HolderStanding {
  kind: 'user' | 'api_key';
  id: string;
  accountId: string;
  role: Role;
  /** The user is not removed, the key is not revoked. */
  active: boolean;
}

/**
 * Re-reads the people and API keys behind open streams. Streams of many accounts share a
 * process, so this one statement reads across tenants on the privileged connection.
 */
@Injectable()
export class StreamHoldersRepository {
  constructor(private readonly privileged: PrivilegedDatabase) {}

  standingOf(userIds: string[], apiKeyIds: string[]): Promise<HolderStanding[]> {
    return queryRows<HolderStanding>(
      this.privileged.manager,
      `select 'user' as kind, id, account_id as "accountId", role, removed_at is null as active
         from users where id = any($1::uuid[])
       union all
       select 'api_key', id, account_id, role, revoked_at is null
         from api_keys where id = any($2::uuid[])`,
      [userIds, apiKeyIds],
    );
  }
}
