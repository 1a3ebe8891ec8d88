import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthLive, HealthReady } from '@resolutionflow/contracts';
import type { DataSource } from 'typeorm';
import { APP_DATA_SOURCE } from '../database/data-sources.js';
import { AppError } from '../errors/app-error.js';
import { Public } from '../http/public.decorator.js';
import { APP_VERSION } from '../version.js';

const READY_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(APP_DATA_SOURCE) private readonly db: DataSource) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  live(): HealthLive {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()), version: APP_VERSION };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The API can serve requests: the database answers' })
  @ApiServiceUnavailableResponse({ description: '`service_unavailable`: the database does not answer' })
  async ready(): Promise<HealthReady> {
    const started = performance.now();
    try {
      await withTimeout(this.db.query('select 1'), READY_TIMEOUT_MS);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return { status: 'ok', checks: { database: { status: 'up', latencyMs } } };
    } catch (error) {
      throw new AppError(503, 'service_unavailable', 'The database is not answering', {
        checks: { database: { status: 'down', latencyMs: null, error: (error as Error).message } },
      });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
