import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = join(REPOSITORY_ROOT, 'apps/api/dist/apps/api/src/main.js');
const WEB_DIST = join(REPOSITORY_ROOT, 'dist/web/browser');

/** The built API, serving the built web app, on its own database: what a customer's server runs. */
export interface ApiProcess {
  /** Where browsers reach the app, e.g. http://127.0.0.1:41234 (also the API's APP_URL). */
  readonly origin: string;
  readonly db: TestDatabase;
  /** Where the API writes mail when no SMTP server is set (DATA_DIR/mail). */
  readonly dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilReady(origin: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${origin}/api/v1/health/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
  throw new Error(`The API did not become ready (exit ${child.exitCode}). Log tail:\n${log}`);
}

/** Starts `node main.js --migrate` on a fresh clone of the migrated template; `env` adds to its configuration. */
export async function startApi(env: Record<string, string> = {}): Promise<ApiProcess> {
  if (!existsSync(MAIN) || !existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('The browser tests need the built API and web app: run `npm run build` first.');
  }
  const db = await createTestDatabase();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'rf-e2e-'));
  const logFile = join(dataDir, 'api.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [MAIN, '--migrate'], {
    cwd: REPOSITORY_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: origin,
      DATABASE_URL: db.url,
      DATABASE_POOL_MAX: '5',
      DATA_DIR: dataDir,
      WEB_DIST_DIR: WEB_DIST,
      JOBS_POLL_INTERVAL_MS: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  try {
    await waitUntilReady(origin, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    await db.drop();
    throw error;
  }
  return {
    origin,
    db,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
      await db.drop();
    },
  };
}
