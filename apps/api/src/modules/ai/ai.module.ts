import { Module } from '@nestjs/common';
import { AiService } from './ai.service.js';

/** The assistant: provider selection, prompts, and the offline fallback. */
@Module({ providers: [AiService], exports: [AiService] })
export class AiModule {}
