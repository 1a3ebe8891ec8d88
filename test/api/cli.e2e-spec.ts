import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const CLI = join(process.cwd(), 'apps/api/dist/apps/api/src/cli.js');

function cli(db: TestDatabase, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
}

describe('ops CLI', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('lists applied migrations', () => {
    const result = cli(db, 'migrate:status');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\[applied\] Foundation\d+/);
    expect(result.stdout).toMatch(/\d+ applied, 0 pending/);
  });

  it('reverts the latest migration only when told --yes, and re-applies it', () => {
    const unconfirmed = cli(db, 'migrate:revert');
    expect(unconfirmed.status).toBe(64);
    expect(unconfirmed.stderr).toMatch(/This reverts \S+, which may drop tables .* migrate:revert --yes/);
    expect(cli(db, 'migrate:status').stdout).toMatch(/0 pending/);

    const reverted = cli(db, 'migrate:revert', '--yes');
    expect(reverted.status).toBe(0);
    expect(reverted.stdout).toMatch(/^reverted /);
    expect(cli(db, 'migrate:status').stdout).toMatch(/1 pending/);
    const applied = cli(db, 'migrate:run');
    expect(applied.status).toBe(0);
    expect(applied.stdout).toMatch(/^applied /);
  });

  it('seeds demo data idempotently', () => {
    expect(cli(db, 'seed:demo').stdout).toContain('created');
    expect(cli(db, 'seed:demo').stdout).toContain('exists');
  });

  it('exits non-zero with usage for an unknown command', () => {
    const result = cli(db, 'migrate:sideways');
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('Unknown command');
  });

  it('stops with the variable named when configuration is invalid', () => {
    const result = spawnSync(process.execPath, [CLI, 'migrate:status'], {
      env: { ...process.env, DATABASE_URL: db.url, TRIAL_DAYS: 'forever' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('TRIAL_DAYS');
  });
});
