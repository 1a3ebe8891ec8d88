import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { MailDeliveryError } from './mail-delivery-error.js';
import { SmtpMailTransport } from './smtp-mail-transport.js';

const mail = { from: 'a@resolutionflow.test', to: 'b@client.example', subject: 's', text: 't', tag: 'verify_email' };

describe('SmtpMailTransport', () => {
  let silent: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never says a word, like a hung mail server.
    silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up on a server that never greets, as a retryable failure', async () => {
    const { port } = silent.address() as AddressInfo;
    // The URL's query shortens the ten-second greeting timeout so the test stays quick.
    const sut = new SmtpMailTransport(`smtp://127.0.0.1:${port}?greetingTimeout=300`);

    const started = Date.now();
    const error = MailDeliveryError.from(await sut.deliver(mail).catch((e: unknown) => e));

    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', retryable: true });
  });

  it('reports a server that hangs up before greeting (a restart, a proxy) as retryable', async () => {
    const hangsUp = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => hangsUp.listen(0, '127.0.0.1', resolve));
    const { port } = hangsUp.address() as AddressInfo;
    try {
      const error = MailDeliveryError.from(await new SmtpMailTransport(`smtp://127.0.0.1:${port}`).deliver(mail).catch((e: unknown) => e));
      expect(error).toMatchObject({ code: 'ECONNECTION', retryable: true });
    } finally {
      await new Promise((resolve) => hangsUp.close(resolve));
    }
  });

  it('reports a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const error = MailDeliveryError.from(await new SmtpMailTransport(`smtp://127.0.0.1:${port}`).deliver(mail).catch((e: unknown) => e));

    expect(error).toMatchObject({ code: 'ESOCKET', retryable: true });
  });
});
