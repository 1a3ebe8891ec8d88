import { DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuditModule } from './core/audit/audit.module.js';
import { AppConfig } from './core/config/app-config.js';
import { ConfigModule } from './core/config/config.module.js';
import { DatabaseModule } from './core/database/database.module.js';
import type { DatabaseUrls } from './core/database/database-urls.js';
import { AllExceptionsFilter } from './core/errors/all-exceptions.filter.js';
import { TenantTransactionInterceptor } from './core/auth/tenant-transaction.interceptor.js';
import { EventsModule } from './core/events/events.module.js';
import { HealthModule } from './core/health/health.module.js';
import { JobsModule } from './core/jobs/jobs.module.js';
import { MailModule } from './core/mail/mail.module.js';
import { RateLimitModule } from './core/rate-limit/rate-limit.module.js';
import { SecurityModule } from './core/security/security.module.js';
import { ENTITIES } from './entities.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AnalyticsModule } from './modules/analytics/analytics.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { HandoffModule } from './modules/handoff/handoff.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { BillingModule } from './modules/billing/billing.module.js';
import { PublicConfigModule } from './modules/config/public-config.module.js';
import { OnboardingModule } from './modules/onboarding/onboarding.module.js';
import { PsaModule } from './modules/psa/psa.module.js';
import { SalesLeadsModule } from './modules/sales-leads/sales-leads.module.js';
import { ScriptBuilderModule } from './modules/script-builder/script-builder.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { UsersModule } from './modules/users/users.module.js';

@Module({})
export class AppModule {
  /** `extraModules` lets the test harness mount probe controllers next to the real ones. */
  static forRoot(config: AppConfig, urls: DatabaseUrls, extraModules: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ urls, poolMax: config.env.DATABASE_POOL_MAX, entities: ENTITIES }),
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
        AuditModule,
        EventsModule,
        JobsModule,
        MailModule,
        RateLimitModule,
        SecurityModule,
        HealthModule,
        UsersModule,
        AccountsModule,
        BillingModule,
        AuthModule,
        NotificationsModule,
        HandoffModule,
        PublicConfigModule,
        OnboardingModule,
        SalesLeadsModule,
        PsaModule,
        SessionsModule,
        ScriptBuilderModule,
        AnalyticsModule,
        ...extraModules,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: TenantTransactionInterceptor },
      ],
    };
  }
}
