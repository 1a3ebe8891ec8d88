import type { INestApplicationContext } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../core/database/privileged-database.js';
import { DecryptionError } from '../core/security/encryption.js';
import { SecretBox } from '../core/security/secret-box.js';
import { AccountIntegrationsRepository, webhookUrlContext } from '../modules/notifications/integrations/account-integrations.repository.js';
import { PsaConnectionsRepository, psaPrivateKeyContext } from '../modules/psa/psa-connections.repository.js';

// Every account id sorts after it, so it starts the keyset walk.
const FIRST_ACCOUNT = '00000000-0000-0000-0000-000000000000';

type SealedRow<Column extends string> = { accountId: string } & Record<Column, string | null>;

/** A table holding sealed values, walked in account order on the owner connection. */
interface SealedTable<Column extends string> {
  name: string;
  /** Each sealed column with the encryption context of its value in an account's row. */
  contexts: Record<Column, (accountId: string) => string>;
  lockPage(manager: EntityManager, afterAccountId: string, limit: number): Promise<NoInfer<SealedRow<Column>>[]>;
  save(manager: EntityManager, rows: NoInfer<SealedRow<Column>>[]): Promise<void>;
}

export interface RotationOptions {
  batchSize: number;
  dryRun: boolean;
}

/** Rows of one table by outcome; a row is re-sealed when any of its values was. */
export interface TableRotation {
  table: string;
  resealed: number;
  alreadyCurrent: number;
  /** One line per value that opens with no configured key (or was altered); those rows keep their value. */
  unreadable: string[];
}

/**
 * Re-seals every stored secret with the current ENCRYPTION_KEY, one locked batch per transaction,
 * across accounts. Values already sealed with it are left alone, so a second run changes nothing.
 */
export async function rotateSecrets(app: INestApplicationContext, options: RotationOptions): Promise<TableRotation[]> {
  const box = app.get(SecretBox);
  const privileged = app.get(PrivilegedDatabase);
  const psa = app.get(PsaConnectionsRepository);
  const integrations = app.get(AccountIntegrationsRepository);
  const run = <Column extends string>(table: SealedTable<Column>) => rotateTable(table, box, privileged, options);
  return [
    await run({
      name: 'psa_connections',
      contexts: { privateKeyEncrypted: psaPrivateKeyContext },
      lockPage: (m, after, limit) => psa.lockSealedPage(m, after, limit),
      save: (m, rows) => psa.replaceSealed(m, rows.map((r) => ({ accountId: r.accountId, privateKeyEncrypted: r.privateKeyEncrypted! }))),
    }),
    await run({
      name: 'account_integrations',
      contexts: {
        slackWebhookUrlEncrypted: (accountId) => webhookUrlContext(accountId, 'slack'),
        teamsWebhookUrlEncrypted: (accountId) => webhookUrlContext(accountId, 'teams'),
      },
      lockPage: (m, after, limit) => integrations.lockSealedPage(m, after, limit),
      save: (m, rows) => integrations.replaceSealed(m, rows),
    }),
  ];
}

async function rotateTable<Column extends string>(
  table: SealedTable<Column>,
  box: SecretBox,
  privileged: PrivilegedDatabase,
  { batchSize, dryRun }: RotationOptions,
): Promise<TableRotation> {
  const report: TableRotation = { table: table.name, resealed: 0, alreadyCurrent: 0, unreadable: [] };
  const columns = Object.keys(table.contexts) as Column[];
  let after = FIRST_ACCOUNT;
  for (;;) {
    // Each batch commits on its own: its rows stay locked only while they are re-sealed.
    const rows = await privileged.transaction(async (manager) => {
      const page = await table.lockPage(manager, after, batchSize);
      const changed: SealedRow<Column>[] = [];
      for (const row of page) {
        let resealed = false;
        let unreadable = false;
        for (const column of columns) {
          const sealed = row[column];
          if (!sealed) continue;
          const context = table.contexts[column](row.accountId);
          try {
            const next = box.reseal(sealed, context);
            if (next === null) continue;
            (row as Record<Column, string | null>)[column] = next;
            resealed = true;
          } catch (error) {
            if (!(error instanceof DecryptionError)) throw error;
            report.unreadable.push(`${context}: ${error.message}`);
            unreadable = true;
          }
        }
        if (resealed) changed.push(row);
        if (!unreadable) report[resealed ? 'resealed' : 'alreadyCurrent'] += 1;
      }
      if (!dryRun && changed.length > 0) await table.save(manager, changed);
      return page;
    });
    if (rows.length < batchSize) return report;
    after = rows.at(-1)!.accountId;
  }
}
