import type { DataSource } from 'typeorm';
import { RUNTIME_ROLE } from './database-urls.js';

/** Creates (or re-keys) the runtime login role. Idempotent; run by the owner before migrations. */
export async function ensureRuntimeRole(owner: DataSource, password: string): Promise<void> {
  const [{ exists }] = await owner.query(`select exists(select 1 from pg_roles where rolname = $1) as exists`, [
    RUNTIME_ROLE,
  ]);
  const verb = exists ? 'ALTER' : 'CREATE';
  // Role DDL takes no bind parameters; the password is quoted with PostgreSQL's own quote_literal.
  const [{ literal }] = await owner.query(`select quote_literal($1) as literal`, [password]);
  await owner.query(
    `${verb} ROLE ${RUNTIME_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal}`,
  );
}

export interface RoleFacts {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  ownsTables: boolean;
}

export async function describeCurrentRole(dataSource: DataSource): Promise<RoleFacts> {
  const [row] = await dataSource.query(`
    select current_user as role, r.rolsuper as superuser, r.rolbypassrls as "bypassRls",
           exists(select 1 from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user) as "ownsTables"
      from pg_roles r where r.rolname = current_user`);
  return row as RoleFacts;
}

/** The API refuses to serve tenants through a role that row-level security would not restrict. */
export async function assertRuntimeRoleIsRestricted(app: DataSource): Promise<void> {
  const facts = await describeCurrentRole(app);
  const reasons = [
    facts.superuser && 'is a superuser',
    facts.bypassRls && 'has BYPASSRLS',
    facts.ownsTables && 'owns tables',
  ].filter(Boolean);
  if (reasons.length) {
    throw new Error(
      `Refusing to start: the runtime database role "${facts.role}" ${reasons.join(', ')}, so row-level security would not apply. ` +
        `Point DATABASE_APP_URL at a restricted role (default: ${RUNTIME_ROLE}).`,
    );
  }
}
