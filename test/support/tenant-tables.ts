import type { DataSource } from 'typeorm';

export interface TableFacts {
  name: string;
  /** The column holding the tenant: `account_id`, or `id` for `accounts` itself. */
  tenantColumn: string;
  rlsEnabled: boolean;
  rlsForced: boolean;
  /** Whether the runtime role may read it at all. */
  runtimeCanSelect: boolean;
}

/**
 * Every public table that belongs to a tenant: each one with an `account_id` column, plus
 * `accounts`. Read from the catalog, so a table added tomorrow is enumerated without anyone
 * remembering to list it.
 */
export async function tenantTables(db: DataSource): Promise<TableFacts[]> {
  const rows: { name: string; tenant_column: string; rls_enabled: boolean; rls_forced: boolean; runtime_can_select: boolean }[] = await db.query(`
    select c.relname as name,
           case when c.relname = 'accounts' then 'id' else 'account_id' end as tenant_column,
           c.relrowsecurity as rls_enabled,
           c.relforcerowsecurity as rls_forced,
           has_table_privilege('rf_app', c.oid, 'SELECT') as runtime_can_select
      from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
       and (c.relname = 'accounts'
            or exists (select 1 from information_schema.columns col
                        where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'account_id'))
     order by c.relname`);
  return rows.map((r) => ({
    name: r.name,
    tenantColumn: r.tenant_column,
    rlsEnabled: r.rls_enabled,
    rlsForced: r.rls_forced,
    runtimeCanSelect: r.runtime_can_select,
  }));
}

/** Every row of `accountId` in every tenant table, as JSON text, in a stable order (privileged connection). */
export async function snapshotAccount(db: DataSource, tables: TableFacts[], accountId: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of tables) {
    const rows: { row: string }[] = await db.query(
      `select to_jsonb(t)::text as row from "${table.name}" t where "${table.tenantColumn}" = $1 order by 1`,
      [accountId],
    );
    snapshot[table.name] = rows.map((r) => r.row);
  }
  return snapshot;
}

/** Row counts of every table in `tables`, in one round trip. */
export async function rowCounts(db: DataSource, tables: { name: string }[]): Promise<Record<string, number>> {
  const sql = tables.map((t) => `select '${t.name}' as name, count(*)::int as n from "${t.name}"`).join(' union all ');
  const rows: { name: string; n: number }[] = await db.query(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The primary keys (UUIDs) of every row in a snapshot: ids that must never show up in another account's answers. */
export function idsIn(snapshot: Record<string, string[]>): Set<string> {
  const ids = new Set<string>();
  for (const rows of Object.values(snapshot)) {
    for (const row of rows) {
      const id = (JSON.parse(row) as { id?: unknown }).id;
      if (typeof id === 'string' && UUID.test(id)) ids.add(id.toLowerCase());
    }
  }
  return ids;
}
