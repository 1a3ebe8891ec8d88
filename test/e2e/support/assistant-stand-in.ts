import { messageStream } from '../../support/anthropic-stand-in.js';
import { HttpStandIn, type RecordedRequest, type StandInResponse } from '../../support/http-stand-in.js';

/** What the browser tests need the assistant to say. */
export interface AssistantScript {
  /** A chat reply, and the fixes it proposes (Anthropic tool calls). */
  reply(lastMessage: string): { text: string; fixes?: { title: string; description: string }[] };
  assessment: { summary: string; likelyCause: string; suggestedSteps: string[]; confidenceTier: 'low' | 'medium' | 'high' };
}

interface MessagesBody {
  model: string;
  stream?: boolean;
  tools?: { name: string }[];
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
}

function lastUserText(body: MessagesBody): string {
  const last = [...body.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  return typeof last.content === 'string' ? last.content : last.content.map((part) => part.text ?? '').join('');
}

/**
 * The Anthropic Messages API on a local port, for the browser tests: chat replies stream at once,
 * documents answer at once, and the escalation assessment waits until the test releases it — so a
 * test can watch the pick-up screen fill in live.
 */
export class AssistantStandIn {
  private readonly server: HttpStandIn;
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private assessmentAsked!: () => void;
  /** Resolves when the API has asked for the assessment (and is waiting for it). */
  readonly assessmentRequested = new Promise<void>((resolve) => (this.assessmentAsked = resolve));

  constructor(private readonly script: AssistantScript) {
    this.server = new HttpStandIn((request) => this.handle(request));
  }

  get url(): string {
    return this.server.url;
  }

  start(): Promise<void> {
    return this.server.start();
  }

  stop(): Promise<void> {
    this.release();
    return this.server.stop();
  }

  /** Lets the held assessment answer. */
  releaseAssessment(): void {
    this.release();
  }

  private async handle(request: RecordedRequest): Promise<StandInResponse> {
    if (request.method !== 'POST' || request.path !== '/v1/messages') return { status: 404, body: { type: 'error' } };
    const body = request.body as MessagesBody;
    const tools = new Set((body.tools ?? []).map((tool) => tool.name));
    if (tools.has('record_assessment')) {
      this.assessmentAsked();
      await this.gate;
      return this.json(body.model, [{ type: 'tool_use', id: 'toolu_assess', name: 'record_assessment', input: this.script.assessment }]);
    }
    if (body.stream) {
      const reply = this.script.reply(lastUserText(body));
      const answer = { text: reply.text, chunks: 6, tools: (reply.fixes ?? []).map((input) => ({ name: 'propose_fix', input })) };
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, body: messageStream(answer, body.model) };
    }
    return this.json(body.model, [{ type: 'text', text: 'Summary: the print spooler was restarted and is being verified.' }]);
  }

  private json(model: string, content: Record<string, unknown>[]): StandInResponse {
    const toolUse = content.some((block) => block.type === 'tool_use');
    return {
      status: 200,
      body: {
        id: 'msg_standin',
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: toolUse ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 25, output_tokens: 40 },
      },
    };
  }
}
