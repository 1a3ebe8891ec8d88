import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrivilegedDatabase } from '../database/privileged-database.js';

export interface Hit {
  hits: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Rate-limit counters in PostgreSQL, so a limit holds across every API process: one atomic
 * upsert per check, a new window starting when the old one has ended.
 */
@Injectable()
export class RateLimitStore implements OnModuleDestroy {
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly db: PrivilegedDatabase) {
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async hit(key: string, windowSeconds: number): Promise<Hit> {
    const [row] = await this.db.manager.query(
      `insert into rate_limit_hits as r (key, hits, window_ends_at)
         values ($1, 1, now() + make_interval(secs => $2))
       on conflict (key) do update set
         hits = case when r.window_ends_at <= now() then 1 else r.hits + 1 end,
         window_ends_at = case when r.window_ends_at <= now() then now() + make_interval(secs => $2) else r.window_ends_at end
       returning hits, greatest(0, extract(epoch from (window_ends_at - now())))::float8 as "resetSeconds"`,
      [key, windowSeconds],
    );
    return { hits: Number(row.hits), resetSeconds: Number(row.resetSeconds) };
  }

  private async sweep(): Promise<void> {
    await this.db.manager.query(`delete from rate_limit_hits where window_ends_at < now() - interval '1 hour'`);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
