import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ScriptBuilderController } from './script-builder.controller.js';
import { ScriptBuilderService } from './script-builder.service.js';
import { ScriptBuilderSessionsRepository } from './script-builder-sessions.repository.js';

/** Script builder sessions: standalone (capped by the plan) and inline in a FlowPilot session. */
@Module({
  imports: [BillingModule, SessionsModule],
  controllers: [ScriptBuilderController],
  providers: [ScriptBuilderSessionsRepository, ScriptBuilderService],
})
export class ScriptBuilderModule {}
