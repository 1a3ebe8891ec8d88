import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './bootstrap.js';
import { seedDemo } from './cli/demo-seed.js';
import { ConfigError, loadConfig } from './core/config/app-config.js';
import { openDatabaseServer, type DatabaseServer } from './core/database/database-server.js';
import { resolveDatabaseUrls } from './core/database/database-urls.js';
import { Migrator } from './core/database/migrator.js';
import { createRootLogger } from './core/logging/logger.js';

/**
 * `node main.js [--migrate] [--seed-demo]`: serves the API and the built web app.
 * `npm start` passes both flags so a fresh clone comes up with a schema and demo data.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createRootLogger(config.env.LOG_LEVEL);
  const flags = new Set(process.argv.slice(2));

  let database: DatabaseServer | undefined;
  let app: NestFastifyApplication | undefined;
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'Shutting down: draining requests');
    const force = setTimeout(() => {
      logger.error('Shutdown grace period elapsed; exiting');
      process.exit(1);
    }, config.env.SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await app?.close();
      await database?.stop();
      logger.info('Stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    database = await openDatabaseServer(config, logger);
    if (flags.has('--migrate')) {
      const migrator = await Migrator.connect(database.ownerUrl);
      try {
        const applied = await migrator.run(config.env.DATABASE_APP_PASSWORD);
        logger.info({ applied }, applied.length ? 'Applied migrations' : 'Schema is up to date');
      } finally {
        await migrator.close();
      }
    }
    app = await createApp(config, resolveDatabaseUrls(config, database.ownerUrl), logger);
    if (flags.has('--seed-demo')) logger.info(await seedDemo(app), 'Demo data');
    await app.listen({ port: config.env.PORT, host: config.env.HOST });
    logger.info(`ResolutionFlow is serving on http://localhost:${config.env.PORT}`);
  } catch (error) {
    logger.fatal({ err: error }, 'Failed to start');
    await app?.close().catch(() => undefined);
    await database?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
