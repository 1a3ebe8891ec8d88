import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { DATABASE_URLS } from '../database/data-sources.js';
import type { DatabaseUrls } from '../database/database-urls.js';
import { PrivilegedDatabase } from '../database/privileged-database.js';

type Handler = (payload: string) => void;

const RECONNECT_MS = 2_000;

/**
 * Small signals between API processes over PostgreSQL LISTEN/NOTIFY: one dedicated connection
 * per process (NOTIFY does not pass transaction-pooling proxies), any number of channels.
 * Payloads stay small (ids, keys): the data itself is read from the tables.
 */
@Injectable()
export class ClusterSignals implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClusterSignals');
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectListeners = new Set<() => void>();
  private client: pg.Client | undefined;
  private stopped = false;
  private everConnected = false;

  constructor(
    @Inject(DATABASE_URLS) private readonly urls: DatabaseUrls,
    private readonly db: PrivilegedDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  /** Sends on `channel`; inside `manager`'s transaction it is delivered only at commit. */
  async publish(channel: string, payload: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`select pg_notify($1, $2)`, [channel, payload]);
  }

  /** Calls `handler` for every signal on `channel` from any process (this one included). */
  async subscribe(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.client?.query(`LISTEN ${quoteIdent(channel)}`).catch(() => undefined);
    }
    set.add(handler);
    return () => set!.delete(handler);
  }

  /** Signals may have been missed while disconnected; subscribers that care catch up here. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.add(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.urls.owner, application_name: 'resolutionflow-signals' });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (error) {
          this.logger.error({ channel: message.channel, err: (error as Error).message }, 'Signal handler failed');
        }
      }
    });
    client.on('error', (error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.logger.warn({ err: error.message }, 'Signal connection lost; reconnecting');
      this.retry();
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.client = client;
      if (reconnected) for (const listener of this.reconnectListeners) listener();
    } catch (error) {
      await client.end().catch(() => undefined);
      this.logger.warn({ err: (error as Error).message }, 'Signal connection unavailable; retrying');
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid signal channel name "${name}"`);
  return `"${name}"`;
}
