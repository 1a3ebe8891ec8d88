import { Injectable, Logger } from '@nestjs/common';
import type { ChatExchange, SessionDetail, SessionStep } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { AiTimeoutError, type AiReplyResult } from '../ai/ai-provider.js';
import { AiService } from '../ai/ai.service.js';
import { AiSessionsRepository } from './ai-sessions.repository.js';
import { FixesService } from './fixes.service.js';
import { sessionFacts } from './session-facts.mapper.js';
import { SessionLookup } from './session-lookup.js';
import { SessionStepsRepository } from './session-steps.repository.js';
import { mapFix, mapStep } from './sessions.mapper.js';

/** An engineer's message, stored, with the session as it was before it: what the assistant answers. */
export interface OpenExchange {
  principal: Principal;
  sessionId: string;
  userMessage: SessionStep;
  before: SessionDetail;
}

const MAX_PROPOSALS_PER_REPLY = 5;

/**
 * The conversation: the engineer's step is stored first (it is theirs whatever the assistant does),
 * the assistant answers outside any transaction, and its reply and proposed fixes are stored after.
 */
@Injectable()
export class ChatService {
  private readonly logger = new Logger('Chat');

  constructor(
    private readonly tenant: TenantDatabase,
    private readonly lookup: SessionLookup,
    private readonly sessions: AiSessionsRepository,
    private readonly steps: SessionStepsRepository,
    private readonly fixes: FixesService,
    private readonly ai: AiService,
  ) {}

  /** Checks the caller may write here and stores their step; fails before anything streams. */
  open(principal: Principal, sessionId: string, content: string): Promise<OpenExchange> {
    return this.tenant.run(principal.accountId, async () => {
      const session = await this.lookup.workable(principal, sessionId, { lock: true });
      const before = await this.lookup.detailOf(session);
      const step = await this.steps.insert({
        sessionId,
        sequence: await this.sessions.nextStepSequence(sessionId),
        role: 'engineer',
        authorId: principal.userId,
        content: content.trim(),
      });
      // Writing in a parked session picks it back up.
      await this.sessions.update(sessionId, session.status === 'parked' ? { status: 'active' } : {});
      return { principal, sessionId, userMessage: mapStep(step), before };
    });
  }

  /**
   * Asks the assistant, passing each piece of text to `onDelta` as it arrives, and stores the whole
   * reply even if the listener has gone. On failure a system step records it and the error says
   * 504 `ai_timeout` or 502 `ai_unavailable`.
   */
  async complete(exchange: OpenExchange, onDelta: (text: string) => void = () => undefined): Promise<ChatExchange> {
    const stream = this.ai.reply({ facts: sessionFacts(exchange.before), message: exchange.userMessage.content });
    let result: AiReplyResult;
    try {
      for (;;) {
        const next = await stream.next();
        if (next.done) {
          result = next.value;
          break;
        }
        onDelta(next.value);
      }
    } catch (error) {
      throw await this.recordFailure(exchange, error);
    }
    return this.store(exchange, result);
  }

  private store(exchange: OpenExchange, result: AiReplyResult): Promise<ChatExchange> {
    const { principal, sessionId } = exchange;
    return this.tenant.run(principal.accountId, async () => {
      await this.sessions.lockById(sessionId);
      const reply = await this.steps.insert({
        sessionId,
        sequence: await this.sessions.nextStepSequence(sessionId),
        role: 'assistant',
        authorId: null,
        content: result.text,
      });
      const proposed = [];
      for (const proposal of result.proposedFixes.slice(0, MAX_PROPOSALS_PER_REPLY)) {
        proposed.push(await this.fixes.insert(sessionId, proposal, 'assistant', null));
      }
      const stateVersion = await this.sessions.update(sessionId);
      return { userMessage: exchange.userMessage, assistantMessage: mapStep(reply), proposedFixes: proposed.map(mapFix), stateVersion };
    });
  }

  private async recordFailure(exchange: OpenExchange, error: unknown): Promise<AppError> {
    const timedOut = error instanceof AiTimeoutError;
    this.logger.warn({ sessionId: exchange.sessionId, err: (error as Error).message }, 'The assistant failed to answer');
    const { principal, sessionId } = exchange;
    await this.tenant
      .run(principal.accountId, async () => {
        await this.sessions.lockById(sessionId);
        await this.steps.insert({
          sessionId,
          sequence: await this.sessions.nextStepSequence(sessionId),
          role: 'system',
          authorId: null,
          content: timedOut ? 'The assistant did not answer in time.' : 'The assistant was unavailable and could not answer.',
        });
        await this.sessions.update(sessionId);
      })
      .catch((e: unknown) => this.logger.error({ sessionId, err: (e as Error).message }, 'Could not record the assistant failure'));
    const details = { userMessageId: exchange.userMessage.id };
    return timedOut
      ? new AppError(504, 'ai_timeout', 'The assistant did not answer in time; your message is saved, try again', details)
      : new AppError(502, 'ai_unavailable', 'The assistant is unavailable right now; your message is saved, try again', details);
  }
}
