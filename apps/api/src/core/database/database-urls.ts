import type { AppConfig } from '../config/app-config.js';

/** The role the API runs as: not the owner, not a superuser, no BYPASSRLS. */
export const RUNTIME_ROLE = 'rf_app';

export interface DatabaseUrls {
  /** Owner of the schema: runs migrations and serves the privileged (public/admin) paths. */
  owner: string;
  /** The runtime role every tenant request uses; row-level security applies to it. */
  app: string;
}

export function resolveDatabaseUrls(config: AppConfig, ownerUrl: string): DatabaseUrls {
  if (config.env.DATABASE_APP_URL) return { owner: ownerUrl, app: config.env.DATABASE_APP_URL };
  const app = new URL(ownerUrl);
  app.username = RUNTIME_ROLE;
  app.password = config.env.DATABASE_APP_PASSWORD;
  return { owner: ownerUrl, app: app.toString() };
}

/** A URL safe to print: the password is masked. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
