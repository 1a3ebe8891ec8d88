import { join, resolve } from 'node:path';
import type { Logger as Pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { REPOSITORY_ROOT } from '../version.js';
import { redactUrl } from './database-urls.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseServer {
  /** URL of the owning role. */
  ownerUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise a real PostgreSQL started from the embedded package, data in DATA_DIR. */
export async function openDatabaseServer(config: AppConfig, logger: Pino): Promise<DatabaseServer> {
  if (config.env.DATABASE_URL) {
    logger.info({ database: redactUrl(config.env.DATABASE_URL) }, 'Using the configured PostgreSQL server');
    return { ownerUrl: config.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  }
  const dataDir = join(resolve(REPOSITORY_ROOT, config.env.DATA_DIR), 'postgres');
  const started = performance.now();
  const server = await startEmbeddedPostgres({
    dataDir,
    port: config.env.EMBEDDED_PG_PORT,
    persistent: true,
    onLog: (line) => line && logger.debug({ component: 'embedded-postgres' }, line),
  });
  logger.info(
    { dataDir, port: config.env.EMBEDDED_PG_PORT, startMs: Math.round(performance.now() - started) },
    'Started the embedded PostgreSQL server (DATABASE_URL is not set)',
  );
  return { ownerUrl: server.url, embedded: true, stop: () => server.stop() };
}
