import { Injectable } from '@nestjs/common';
import { PrivilegedDatabase } from '../../../core/database/privileged-database.js';
import { queryRows } from '../../../core/database/sql.js';

export interface ActiveApiKey {
  id: string;
  accountId: string;
  name: string;
  role: 'admin' | 'engineer' | 'viewer';
  createdBy: string | null;
  createdAt: Date;
}

/** Every query on `api_keys`. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly privileged: PrivilegedDatabase) {}

  /**
   * The key presented by an integrator, found by digest before its account is known; stamps
   * `last_used_at` at most once a minute so busy keys do not write on every call.
   */
  async findActiveByHashAndTouch(keyHash: string): Promise<ActiveApiKey | null> {
    const rows = await queryRows<ActiveApiKey>(
      this.privileged.manager,
      `with key as (
         select id, account_id, name, role, created_by, created_at, last_used_at
           from api_keys where key_hash = $1 and revoked_at is null
       ), touched as (
         update api_keys set last_used_at = now()
          where id = (select id from key) and (last_used_at is null or last_used_at < now() - interval '1 minute')
       )
       select id, account_id as "accountId", name, role, created_by as "createdBy", created_at as "createdAt" from key`,
      [keyHash],
    );
    return rows[0] ?? null;
  }
}
