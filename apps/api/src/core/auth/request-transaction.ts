import type { ServerResponse } from 'node:http';
import type { TenantDatabase, TenantTransaction } from '../database/tenant-database.js';

const OPENED = Symbol('rf.requestTransaction');

interface CarriesTransaction {
  [OPENED]?: TenantTransaction;
}

/**
 * Opens the request's tenant transaction while authenticating it, with `firstStatement` (the
 * caller's user) read in the same round trip, and leaves it on the request for the tenant
 * interceptor. A request refused by a later guard, or whose client leaves first, never reaches
 * the interceptor: the response's `close` rolls the transaction back and frees its connection.
 */
export async function openRequestTransaction(
  tenant: TenantDatabase,
  request: object,
  response: ServerResponse,
  accountId: string,
  firstStatement: string,
): Promise<Record<string, unknown>[]> {
  let transaction: TenantTransaction | undefined;
  let closed = false;
  const onClose = () => {
    closed = true;
    void transaction?.abandon();
  };
  response.once('close', onClose);
  let rows: Record<string, unknown>[];
  try {
    ({ transaction, rows } = await tenant.open(accountId, firstStatement));
  } catch (error) {
    response.off('close', onClose);
    throw error;
  }
  if (closed) await transaction.abandon();
  else (request as CarriesTransaction)[OPENED] = transaction;
  return rows;
}

/** The transaction the auth guard opened for this request, while still unused. */
export function requestTransactionOf(request: object): TenantTransaction | undefined {
  const transaction = (request as CarriesTransaction)[OPENED];
  return transaction?.isOpen ? transaction : undefined;
}
