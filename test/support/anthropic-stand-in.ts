import { HttpStandIn, type RecordedRequest, type StandInFault, type StandInResponse } from './http-stand-in.js';

/** One scripted assistant answer: text, then any tool calls. */
export interface ScriptedAnswer {
  text?: string;
  tools?: { name: string; input: Record<string, unknown> }[];
  /** Split `text` into this many stream deltas (default: one per word group). */
  chunks?: number;
  /** Answer only after this long. */
  delayMs?: number;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${(++counter).toString().padStart(6, '0')}`;

function contentOf(answer: ScriptedAnswer): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (answer.text) blocks.push({ type: 'text', text: answer.text });
  for (const tool of answer.tools ?? []) blocks.push({ type: 'tool_use', id: nextId('toolu'), name: tool.name, input: tool.input });
  return blocks;
}

function splitText(text: string, chunks: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / chunks));
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

/** The API key a request carries: `x-api-key`, or a bearer token as the SDK's 1.x line sends it. */
export function apiKeyOf(request: RecordedRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
  return bearer?.[1];
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The Messages API event stream for one answer, as Anthropic sends it. */
export function messageStream(answer: ScriptedAnswer, model: string): string {
  const id = nextId('msg');
  let out = sse('message_start', {
    type: 'message_start',
    message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 25, output_tokens: 1 } },
  });
  let index = 0;
  if (answer.text) {
    out += sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const part of splitText(answer.text, answer.chunks ?? 4)) {
      out += sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } });
    }
    out += sse('content_block_stop', { type: 'content_block_stop', index });
    index += 1;
  }
  for (const tool of answer.tools ?? []) {
    out += sse('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: nextId('toolu'), name: tool.name, input: {} },
    });
    const json = JSON.stringify(tool.input);
    for (const part of splitText(json, 3)) {
      out += sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } });
    }
    out += sse('content_block_stop', { type: 'content_block_stop', index });
    index += 1;
  }
  out += sse('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: answer.tools?.length ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { output_tokens: 40 },
  });
  out += sse('message_stop', { type: 'message_stop' });
  return out;
}

/**
 * A local Anthropic Messages API (`POST /v1/messages`): JSON answers, or an SSE stream when the
 * request says `stream: true`. Answers come from a queue (`queue(...)`), else from `fallback`;
 * `failNext(status)` makes the next calls fail with an Anthropic-style error body.
 */
export class AnthropicStandIn {
  private readonly server: HttpStandIn;
  private readonly answers: ScriptedAnswer[] = [];
  private readonly failures: number[] = [];
  fallback: (request: RecordedRequest) => ScriptedAnswer = () => ({ text: 'Check the event log for the first error, then retry.' });

  constructor() {
    this.server = new HttpStandIn((request) => this.handle(request));
  }

  get url(): string {
    return this.server.url;
  }

  /** Every call to the Messages API, in order. */
  get calls(): RecordedRequest[] {
    return this.server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
  }

  start(): Promise<void> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Network-level faults: `refuse` closes the port, `hang` never answers, `error` answers 500, `none` recovers. */
  setFault(fault: StandInFault): Promise<void> {
    return this.server.setFault(fault);
  }

  /** Never answers until the fault is cleared (`hang(false)`). */
  hang(on = true): Promise<void> {
    return this.server.setFault(on ? 'hang' : 'none');
  }

  queue(...answers: ScriptedAnswer[]): void {
    this.answers.push(...answers);
  }

  failNext(status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(status);
  }

  reset(): void {
    this.answers.length = 0;
    this.failures.length = 0;
    this.server.requests.length = 0;
  }

  private async handle(request: RecordedRequest): Promise<StandInResponse> {
    if (request.method !== 'POST' || request.path !== '/v1/messages') {
      return { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not found' } } };
    }
    if (!apiKeyOf(request)) {
      return { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'An API key is required' } } };
    }
    const failure = this.failures.shift();
    if (failure !== undefined) {
      const type = failure === 529 ? 'overloaded_error' : failure === 429 ? 'rate_limit_error' : 'api_error';
      // retry-after-ms keeps the SDK's backoff short in tests; the SDK honours it like Anthropic's own header.
      return { status: failure, headers: { 'retry-after-ms': '20' }, body: { type: 'error', error: { type, message: `Stand-in ${failure}` } } };
    }
    const body = request.body as { model: string; stream?: boolean };
    const answer = this.answers.shift() ?? this.fallback(request);
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (body.stream) {
      return { status: 200, headers: { 'content-type': 'text/event-stream' }, body: messageStream(answer, body.model) };
    }
    return {
      status: 200,
      body: {
        id: nextId('msg'),
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: contentOf(answer),
        stop_reason: answer.tools?.length ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 25, output_tokens: 40 },
      },
    };
  }
}
