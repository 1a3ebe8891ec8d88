import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** `refuse` closes the port, `hang` accepts connections and never says a word, `none` forwards. */
export type TcpFault = 'none' | 'refuse' | 'hang';

/**
 * A TCP proxy in front of a local server (e.g. the SMTP capture) that breaks the network on demand,
 * for protocols whose stand-in cannot hang by itself. The port survives `refuse`, so the app
 * reaches it again after recovery.
 */
export class TcpFaultProxy {
  private server: Server | undefined;
  private port = 0;
  private fault: TcpFault = 'none';
  private readonly sockets = new Set<Socket>();

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `127.0.0.1:${this.port}`;
  }

  get listeningPort(): number {
    return this.port;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async setFault(fault: TcpFault): Promise<void> {
    this.fault = fault;
    // Connections opened under the old mode end, as they would when a network path changes.
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (fault === 'refuse') await this.stop();
    else await this.start();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => undefined);
    if (this.fault === 'hang') return;
    const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  }
}
