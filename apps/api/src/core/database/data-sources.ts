import { DataSource } from 'typeorm';
import { AfterCommitSubscriber } from './after-commit.js';

/** Injection tokens: the runtime-role pool (RLS applies) and the owner pool (public/admin paths only). */
export const APP_DATA_SOURCE = Symbol('APP_DATA_SOURCE');
export const PRIVILEGED_DATA_SOURCE = Symbol('PRIVILEGED_DATA_SOURCE');
/** The resolved connection URLs, for the few parts that need a dedicated connection (LISTEN). */
export const DATABASE_URLS = Symbol('DATABASE_URLS');

export interface PoolOptions {
  url: string;
  max: number;
  applicationName: string;
}

export function createDataSource(pool: PoolOptions, entities: Function[], migrations: Function[] = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url: pool.url,
    entities,
    migrations,
    subscribers: [AfterCommitSubscriber],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: pool.applicationName,
    extra: {
      max: pool.max,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A runaway query never holds a pooled connection forever.
      statement_timeout: 15_000,
    },
  });
}
