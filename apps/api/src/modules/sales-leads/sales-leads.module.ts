import { Module } from '@nestjs/common';
import { PostHogCapture } from './posthog-capture.js';
import { SalesLeadsController } from './sales-leads.controller.js';
import { SalesLeadsRepository } from './sales-leads.repository.js';
import { SalesLeadsService } from './sales-leads.service.js';

/** "Talk to sales" from the public site: stored first, then the sales email and the analytics event as jobs. */
@Module({
  controllers: [SalesLeadsController],
  providers: [SalesLeadsRepository, SalesLeadsService, PostHogCapture],
})
export class SalesLeadsModule {}
