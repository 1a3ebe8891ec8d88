import { DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './core/audit/audit.module.js';
import { AppConfig } from './core/config/app-config.js';
import { ConfigModule } from './core/config/config.module.js';
import { DatabaseModule } from './core/database/database.module.js';
import type { DatabaseUrls } from './core/database/database-urls.js';
import { AllExceptionsFilter } from './core/errors/all-exceptions.filter.js';
import { HealthModule } from './core/health/health.module.js';
import { ENTITIES } from './entities.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';

@Module({})
export class AppModule {
  /** `extraModules` lets the test harness mount probe controllers next to the real ones. */
  static forRoot(config: AppConfig, urls: DatabaseUrls, extraModules: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ urls, poolMax: config.env.DATABASE_POOL_MAX, entities: ENTITIES }),
        AuditModule,
        HealthModule,
        AccountsModule,
        ...extraModules,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
