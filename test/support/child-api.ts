import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpClient } from './http-client.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../apps/api/dist/apps/api/src/main.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The built API as a real operating-system process (`node main.js`), so a test can kill it the way
 * a crash or an OOM killer would — SIGKILL, no shutdown hooks — and start it again on the same port.
 */
export class ChildApi {
  private child: ChildProcess | undefined;
  private port = 0;
  /** What the process wrote, for the failure message when it does not come up. */
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get http(): HttpClient {
    return new HttpClient(this.baseUrl);
  }

  /** Starts the process and waits until it answers ready. */
  async start(timeoutMs = 30_000): Promise<void> {
    this.port ||= await freePort();
    this.output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(this.port), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode}:\n${this.output.slice(-3000)}`);
      const ready = await fetch(`${this.baseUrl}/api/v1/health/ready`).then((r) => r.status, () => 0);
      if (ready === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The API did not become ready within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
  }

  /** Kills the process outright (no graceful shutdown) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await gone;
  }
}
