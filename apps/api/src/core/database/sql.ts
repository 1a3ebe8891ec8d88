import type { EntityManager } from 'typeorm';

/**
 * Rows of a raw statement. TypeORM's postgres driver answers UPDATE/DELETE with
 * `[rows, rowCount]` and everything else with `rows`; callers should not care.
 */
export async function queryRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * A UUID as an SQL literal, for the few statements sent with the simple query protocol (which
 * takes no parameters). Anything that is not exactly a UUID throws instead of reaching the SQL.
 */
export function uuidLiteral(value: string): string {
  if (!isUuid(value)) throw new TypeError('Expected a UUID');
  return `'${value}'`;
}
