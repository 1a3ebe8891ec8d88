import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../apps/api/src/core/config/app-config.js';
import { resolveDatabaseUrls, type DatabaseUrls } from '../../apps/api/src/core/database/database-urls.js';
import { createRootLogger } from '../../apps/api/src/core/logging/logger.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { HttpClient } from './http-client.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  urls: DatabaseUrls;
  db: TestDatabase;
  baseUrl: string;
  http: HttpClient;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extraModules?: Type[];
  /** Boot a second process-like app on the same database instead of a fresh one. */
  shareDatabaseWith?: TestApp;
  /** Boot on this database (the caller owns and drops it) instead of a fresh clone. */
  database?: TestDatabase;
  /** Receives every log line (JSON) the app writes, at the LOG_LEVEL given in `env`. */
  logSink?: (line: string) => void;
}

/** Boots the real application on its own cloned database, listening on a free port. */
export async function bootTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.shareDatabaseWith?.db;
  const given = options.database ?? shared;
  const db: TestDatabase = given ? { ...given, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    APP_URL: 'http://localhost:4200',
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '5',
    // Each test client speaks from its own address (see HttpClient), so per-IP limits only bite where a test pins one.
    TRUST_PROXY: 'true',
    // Jobs retry in milliseconds, not minutes, so delivery tests finish quickly.
    JOBS_POLL_INTERVAL_MS: '100',
    JOBS_BACKOFF_BASE_MS: '100',
    JOBS_BACKOFF_MAX_MS: '400',
    ...options.env,
  });
  const urls = resolveDatabaseUrls(config, db.url);
  const sink = options.logSink;
  const logger = createRootLogger(config.env.LOG_LEVEL, sink ? { write: (line: string) => sink(line) } : 1);
  const app = await createApp(config, urls, logger, options.extraModules);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    urls,
    db,
    baseUrl,
    http: new HttpClient(baseUrl),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
