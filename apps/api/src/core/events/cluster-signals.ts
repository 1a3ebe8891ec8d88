import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { afterCommit } from '../database/after-commit.js';
import { DATABASE_URLS } from '../database/data-sources.js';
import type { DatabaseUrls } from '../database/database-urls.js';
import { PrivilegedDatabase } from '../database/privileged-database.js';

type Handler = (payload: string) => void;

const RECONNECT_MS = 2_000;

/** How signals travel between processes. */
interface SignalTransport {
  readonly name: 'postgres' | 'redis';
  connect(): Promise<void>;
  publish(channel: string, payloads: string[], manager: EntityManager): Promise<void>;
  listen(channel: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Small signals between API processes: PostgreSQL LISTEN/NOTIFY by default (one dedicated
 * connection per process; NOTIFY does not pass transaction-pooling proxies), or Redis pub/sub
 * when REDIS_URL is set, for when NOTIFY's write load matters. Either way a signal sent inside
 * a transaction goes out only when it commits. Payloads stay small (ids, keys).
 */
@Injectable()
export class ClusterSignals implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClusterSignals');
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly transport: SignalTransport;

  constructor(
    @Inject(DATABASE_URLS) urls: DatabaseUrls,
    private readonly db: PrivilegedDatabase,
    config: AppConfig,
  ) {
    const events = {
      deliver: (channel: string, payload: string) => this.deliver(channel, payload),
      reconnected: () => this.reconnectListeners.forEach((listener) => listener()),
      channels: () => [...this.handlers.keys()],
      logger: this.logger,
    };
    this.transport = config.env.REDIS_URL
      ? new RedisTransport(config.env.REDIS_URL, new URL(urls.owner).pathname.slice(1), events)
      : new PostgresTransport(urls.owner, events);
  }

  get transportName(): 'postgres' | 'redis' {
    return this.transport.name;
  }

  async onModuleInit(): Promise<void> {
    await this.transport.connect();
  }

  /** Sends on `channel`; inside `manager`'s transaction it is delivered only at commit. */
  publish(channel: string, payload: string, manager?: EntityManager): Promise<void> {
    return this.transport.publish(channel, [payload], manager ?? this.db.manager);
  }

  /** Several signals on one channel in one round trip, in order. */
  publishMany(channel: string, payloads: string[], manager?: EntityManager): Promise<void> {
    if (!payloads.length) return Promise.resolve();
    return this.transport.publish(channel, payloads, manager ?? this.db.manager);
  }

  /** Calls `handler` for every signal on `channel` from any process (this one included). */
  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    assertChannel(channel);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.transport.listen(channel).catch(() => undefined);
    }
    set.add(handler);
    return () => set!.delete(handler);
  }

  /** Signals may have been missed while disconnected; subscribers that care catch up here. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.add(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }

  private deliver(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.logger.error({ channel, err: (error as Error).message }, 'Signal handler failed');
      }
    }
  }
}

interface TransportEvents {
  deliver(channel: string, payload: string): void;
  reconnected(): void;
  channels(): string[];
  logger: Logger;
}

function assertChannel(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid signal channel name "${name}"`);
}

/** LISTEN/NOTIFY; NOTIFY inside a transaction is delivered by PostgreSQL at commit. */
class PostgresTransport implements SignalTransport {
  readonly name = 'postgres' as const;
  private client: pg.Client | undefined;
  private stopped = false;
  private everConnected = false;

  constructor(
    private readonly url: string,
    private readonly events: TransportEvents,
  ) {}

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'resolutionflow-signals' });
    client.on('notification', (message) => this.events.deliver(message.channel, message.payload ?? ''));
    client.on('error', (error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.events.logger.warn({ err: error.message }, 'Signal connection lost; reconnecting');
      this.retry();
    });
    try {
      await client.connect();
      for (const channel of this.events.channels()) await client.query(`LISTEN "${channel}"`);
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.client = client;
      if (reconnected) this.events.reconnected();
    } catch (error) {
      await client.end().catch(() => undefined);
      this.events.logger.warn({ err: (error as Error).message }, 'Signal connection unavailable; retrying');
      this.retry();
    }
  }

  async publish(channel: string, payloads: string[], manager: EntityManager): Promise<void> {
    if (payloads.length === 1) await manager.query(`select pg_notify($1, $2)`, [channel, payloads[0]]);
    else await manager.query(`select pg_notify($1, p) from unnest($2::text[]) with ordinality as t(p, n) order by n`, [channel, payloads]);
  }

  async listen(channel: string): Promise<void> {
    await this.client?.query(`LISTEN "${channel}"`);
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private retry(): void {
    if (this.stopped) return;
    setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }
}

/**
 * Redis pub/sub. Channels are prefixed with the database name, so deployments (or test
 * databases) sharing one Redis never hear each other; publishing waits for the commit.
 */
class RedisTransport implements SignalTransport {
  readonly name = 'redis' as const;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private everReady = false;

  constructor(
    url: string,
    private readonly namespace: string,
    private readonly events: TransportEvents,
  ) {
    // Commands issued before the connection is up (early subscriptions) wait in the offline queue.
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel.startsWith(`${this.namespace}:`)) this.events.deliver(channel.slice(this.namespace.length + 1), payload);
    });
    this.subscriber.on('ready', () => {
      if (this.everReady) this.events.reconnected();
      this.everReady = true;
    });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.events.logger.warn({ err: error.message }, 'Redis signal connection problem'));
    }
  }

  async connect(): Promise<void> {
    await Promise.all([this.publisher, this.subscriber].map((client) => ready(client)));
  }

  async publish(channel: string, payloads: string[], manager: EntityManager): Promise<void> {
    afterCommit(manager, () => {
      for (const payload of payloads) {
        this.publisher.publish(`${this.namespace}:${channel}`, payload).catch((error: Error) =>
          this.events.logger.warn({ channel, err: error.message }, 'Could not publish a signal'),
        );
      }
    });
  }

  async listen(channel: string): Promise<void> {
    await this.subscriber.subscribe(`${this.namespace}:${channel}`);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

/** Resolves once `client` is connected (it connects by itself and keeps retrying). */
function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}
