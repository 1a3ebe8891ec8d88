import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config.js';
import {
  AiTimeoutError,
  type AiAssessment,
  type AiCallOptions,
  type AiChatRequest,
  type AiDocumentRequest,
  type AiProvider,
  type AiReplyStream,
  type AiSessionFacts,
} from './ai-provider.js';
import { AnthropicAiProvider } from './anthropic.provider.js';
import { OfflineAiProvider } from './offline.provider.js';

export interface AiDocument {
  text: string;
  generatedBy: AiProvider['name'];
}

/**
 * The assistant as the rest of the API sees it: Anthropic when `ANTHROPIC_API_KEY` is set,
 * the offline provider otherwise, so the product works without a network.
 */
@Injectable()
export class AiService {
  private readonly logger = new Logger('AI');
  private readonly offline = new OfflineAiProvider();
  readonly provider: AiProvider;

  constructor(config: AppConfig) {
    const env = config.env;
    this.provider = env.ANTHROPIC_API_KEY
      ? new AnthropicAiProvider({
          apiKey: env.ANTHROPIC_API_KEY,
          baseUrl: env.ANTHROPIC_BASE_URL,
          model: env.AI_MODEL,
          timeoutMs: env.AI_TIMEOUT_SECONDS * 1000,
          maxRetries: env.AI_MAX_RETRIES,
        })
      : this.offline;
  }

  /** The chat reply as it streams; fails with AiTimeoutError / AiUnavailableError. */
  reply(request: AiChatRequest, options?: AiCallOptions): AiReplyStream {
    return this.provider.reply(request, options);
  }

  /**
   * A resolution note or escalation briefing. Never fails: documentation must not block resolving
   * or escalating, so when the provider fails the offline writer produces it from the record.
   */
  async document(request: AiDocumentRequest, options?: AiCallOptions): Promise<AiDocument> {
    try {
      return { text: await this.provider.document(request, options), generatedBy: this.provider.name };
    } catch (error) {
      this.logger.warn({ kind: request.kind, err: (error as Error).message }, 'AI document failed; writing it offline');
      const text = await this.offline.document(request);
      const why = error instanceof AiTimeoutError ? 'did not answer in time' : 'was unavailable';
      return { text: `${text}\n\n(The assistant ${why}, so this was written from the session record.)`, generatedBy: 'offline' };
    }
  }

  /** The escalation assessment; fails with AiTimeoutError / AiUnavailableError so the caller can record it as unavailable. */
  assess(facts: AiSessionFacts, options?: AiCallOptions): Promise<AiAssessment> {
    return this.provider.assess(facts, options);
  }
}
