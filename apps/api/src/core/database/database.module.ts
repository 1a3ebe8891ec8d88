import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_DATA_SOURCE, createDataSource, DATABASE_URLS, PRIVILEGED_DATA_SOURCE } from './data-sources.js';
import type { DatabaseUrls } from './database-urls.js';
import { PrivilegedDatabase } from './privileged-database.js';
import { assertRuntimeRoleIsRestricted } from './runtime-role.js';
import { TenantDatabase } from './tenant-database.js';

export interface DatabaseModuleOptions {
  urls: DatabaseUrls;
  poolMax: number;
  entities: Function[];
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(APP_DATA_SOURCE) private readonly app: DataSource,
    @Inject(PRIVILEGED_DATA_SOURCE) private readonly privileged: DataSource,
  ) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_URLS, useValue: options.urls },
        {
          provide: APP_DATA_SOURCE,
          useFactory: async () => {
            const ds = createDataSource(
              { url: options.urls.app, max: options.poolMax, applicationName: 'resolutionflow-api' },
              options.entities,
            );
            await ds.initialize();
            try {
              await assertRuntimeRoleIsRestricted(ds);
            } catch (error) {
              await ds.destroy();
              throw error;
            }
            return ds;
          },
        },
        {
          provide: PRIVILEGED_DATA_SOURCE,
          useFactory: async () => {
            // Public and admin paths are few; a small pool keeps them from starving tenant traffic.
            const ds = createDataSource(
              { url: options.urls.owner, max: Math.max(2, Math.ceil(options.poolMax / 4)), applicationName: 'resolutionflow-api-privileged' },
              options.entities,
            );
            return ds.initialize();
          },
        },
        TenantDatabase,
        PrivilegedDatabase,
      ],
      exports: [APP_DATA_SOURCE, PRIVILEGED_DATA_SOURCE, DATABASE_URLS, TenantDatabase, PrivilegedDatabase],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.app.destroy(), this.privileged.destroy()]);
  }
}
