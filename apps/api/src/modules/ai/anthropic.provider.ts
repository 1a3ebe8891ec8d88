import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import {
  AiTimeoutError,
  AiUnavailableError,
  type AiAssessment,
  type AiCallOptions,
  type AiChatRequest,
  type AiDocumentRequest,
  type AiProvider,
  type AiReplyStream,
  type AiSessionFacts,
  type ProposedFix,
} from './ai-provider.js';
import { loadPrompt } from './prompts.js';
import { clipStep, MAX_STEPS_IN_CONTEXT, renderFacts } from './session-facts.js';

export interface AnthropicSettings {
  apiKey: string;
  /** Unset: Anthropic's own endpoint. */
  baseUrl?: string;
  model: string;
  /** Per HTTP attempt, and also the deadline of a whole call including retries and streaming. */
  timeoutMs: number;
  /** Retries of 408/409/429/5xx and connection errors, with the SDK's backoff and Retry-After handling. */
  maxRetries: number;
}

const proposeFixTool: Anthropic.Tool = {
  name: 'propose_fix',
  description: 'Record a concrete fix the engineer should apply, so its outcome can be tracked.',
  input_schema: {
    type: 'object',
    properties: {
      title: { type: 'string', description: 'Short imperative title, at most 120 characters' },
      description: { type: 'string', description: 'What to do exactly, and how to tell whether it worked' },
    },
    required: ['title', 'description'],
  },
};

const assessmentTool: Anthropic.Tool = {
  name: 'record_assessment',
  description: 'Record the assessment of the escalated session.',
  input_schema: {
    type: 'object',
    properties: {
      summary: { type: 'string' },
      likelyCause: { type: 'string' },
      suggestedSteps: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
      confidenceTier: { type: 'string', enum: ['low', 'medium', 'high'] },
    },
    required: ['summary', 'likelyCause', 'suggestedSteps', 'confidenceTier'],
  },
};

const proposedFixInput = z.object({
  title: z.string().trim().min(1).transform((t) => (t.length > 200 ? `${t.slice(0, 199)}…` : t)),
  description: z.string().trim().min(1).max(5000),
});

const assessmentInput = z.object({
  summary: z.string().trim().min(1),
  likelyCause: z.string().trim().min(1),
  suggestedSteps: z.array(z.string().trim().min(1)).min(1).transform((s) => s.slice(0, 5)),
  confidenceTier: z.enum(['low', 'medium', 'high']),
});

/** The conversation as alternating turns (the API wants user first, no two turns of one role in a row). */
function conversation(request: AiChatRequest): Anthropic.MessageParam[] {
  const turns: Anthropic.MessageParam[] = [];
  const history = request.facts.steps.slice(-MAX_STEPS_IN_CONTEXT);
  const all = [...history.map((s) => ({ role: s.role, content: clipStep(s.content) })), { role: 'engineer' as const, content: request.message }];
  for (const step of all) {
    const role = step.role === 'assistant' ? 'assistant' : 'user';
    const text = step.role === 'system' ? `[session note] ${step.content}` : step.content;
    const last = turns.at(-1);
    if (last && last.role === role) last.content = `${last.content as string}\n\n${text}`;
    else if (!last && role === 'assistant') turns.push({ role: 'user', content: '(session started)' }, { role, content: text });
    else turns.push({ role, content: text });
  }
  return turns;
}

function textOf(message: Anthropic.Message): string {
  return message.content
    .filter((block): block is Anthropic.TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('')
    .trim();
}

/** The Anthropic Messages API through the official SDK: streaming chat, one-shot documents, tool-shaped assessments. */
export class AnthropicAiProvider implements AiProvider {
  readonly name = 'anthropic' as const;
  private readonly client: Anthropic;

  constructor(private readonly settings: AnthropicSettings) {
    this.client = new Anthropic({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl ?? null,
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
    });
  }

  async *reply(request: AiChatRequest, options: AiCallOptions = {}): AiReplyStream {
    const deadline = this.deadline(options.signal);
    try {
      const stream = this.client.messages.stream(
        {
          model: this.settings.model,
          max_tokens: 1_500,
          system: `${loadPrompt('chat')}\n\nSession record:\n${renderFacts(request.facts, { includeSteps: false })}`,
          messages: conversation(request),
          tools: [proposeFixTool],
        },
        { signal: deadline.signal },
      );
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta' && event.delta.text) yield event.delta.text;
      }
      const message = await stream.finalMessage();
      const proposedFixes: ProposedFix[] = [];
      for (const block of message.content) {
        if (block.type !== 'tool_use' || block.name !== proposeFixTool.name) continue;
        const parsed = proposedFixInput.safeParse(block.input);
        if (parsed.success) proposedFixes.push(parsed.data);
      }
      const text = textOf(message);
      if (!text && proposedFixes.length === 0) throw new AiUnavailableError('The assistant returned an empty answer');
      return { text: text || 'I recorded the fix below for you to try.', proposedFixes };
    } catch (error) {
      throw this.translate(error, deadline.timedOut());
    } finally {
      deadline.clear();
    }
  }

  async document(request: AiDocumentRequest, options: AiCallOptions = {}): Promise<string> {
    const prompt = request.kind === 'resolution_note' ? 'resolution-note' : 'escalation-package';
    const label = request.kind === 'resolution_note' ? "Engineer's closing words" : 'Escalation reason';
    const message = await this.create(
      {
        max_tokens: 1_200,
        system: loadPrompt(prompt),
        messages: [
          {
            role: 'user',
            content: `Session record:\n${renderFacts(request.facts)}\n\n${label}: ${request.engineerNote ?? '(none given)'}`,
          },
        ],
      },
      options,
    );
    const text = textOf(message);
    if (!text) throw new AiUnavailableError('The assistant returned an empty document');
    return text;
  }

  async assess(facts: AiSessionFacts, options: AiCallOptions = {}): Promise<AiAssessment> {
    const message = await this.create(
      {
        max_tokens: 800,
        system: loadPrompt('assessment'),
        messages: [{ role: 'user', content: `Session record:\n${renderFacts(facts)}` }],
        tools: [assessmentTool],
        tool_choice: { type: 'tool', name: assessmentTool.name },
      },
      options,
    );
    const call = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === assessmentTool.name);
    const parsed = assessmentInput.safeParse(call?.input);
    if (!parsed.success) throw new AiUnavailableError('The assistant returned no usable assessment');
    return parsed.data;
  }

  private async create(params: Omit<Anthropic.MessageCreateParamsNonStreaming, 'model'>, options: AiCallOptions): Promise<Anthropic.Message> {
    const deadline = this.deadline(options.signal);
    try {
      return await this.client.messages.create({ ...params, model: this.settings.model, stream: false }, { signal: deadline.signal });
    } catch (error) {
      throw this.translate(error, deadline.timedOut());
    } finally {
      deadline.clear();
    }
  }

  /**
   * One deadline for the whole call: the SDK's own timeout covers each attempt up to the response
   * headers, not retries nor a stream that stalls halfway, and a request must never hang.
   */
  private deadline(outer?: AbortSignal) {
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort(new AiTimeoutError());
    }, this.settings.timeoutMs);
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    return {
      signal: controller.signal,
      timedOut: () => expired,
      clear: () => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuterAbort);
      },
    };
  }

  private translate(error: unknown, deadlineExpired: boolean): Error {
    if (error instanceof AiTimeoutError || error instanceof AiUnavailableError) return error;
    if (deadlineExpired || error instanceof Anthropic.APIConnectionTimeoutError) return new AiTimeoutError();
    if (error instanceof Anthropic.APIError) {
      return new AiUnavailableError(`The AI provider answered ${error.status ?? 'with an error'}`, error.status ?? undefined, { cause: error });
    }
    return new AiUnavailableError(`The AI provider could not be reached: ${(error as Error)?.message ?? String(error)}`, undefined, {
      cause: error,
    });
  }
}
