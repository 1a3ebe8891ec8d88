import { Module } from '@nestjs/common';
import { AiModule } from '../ai/ai.module.js';
import { BillingModule } from '../billing/billing.module.js';
import { PsaModule } from '../psa/psa.module.js';
import { AiSessionsRepository } from './ai-sessions.repository.js';
import { ChatController } from './chat.controller.js';
import { ChatService } from './chat.service.js';
import { FixesController } from './fixes.controller.js';
import { FixesService } from './fixes.service.js';
import { SessionDocumentsService } from './session-documents.service.js';
import { SessionLookup } from './session-lookup.js';
import { SessionPsaController } from './session-psa.controller.js';
import { SessionPsaService } from './session-psa.service.js';
import { SessionStepsRepository } from './session-steps.repository.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { SuggestedFixesRepository } from './suggested-fixes.repository.js';

/** Sessions (FlowPilot): the session, its conversation with the assistant, its fixes, its documents and its ticket. */
@Module({
  imports: [BillingModule, AiModule, PsaModule],
  controllers: [SessionsController, ChatController, FixesController, SessionPsaController],
  providers: [
    AiSessionsRepository,
    SessionStepsRepository,
    SuggestedFixesRepository,
    SessionLookup,
    FixesService,
    SessionDocumentsService,
    SessionPsaService,
    ChatService,
    SessionsService,
  ],
  exports: [SessionsService],
})
export class SessionsModule {}
