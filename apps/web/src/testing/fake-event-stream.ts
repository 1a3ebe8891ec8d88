/** A response body that a test writes into chunk by chunk, like a server holding an SSE connection open. */
export class FakeEventStream {
  private readonly chunks: Uint8Array[] = [];
  private pending: { resolve: (r: ReadableStreamReadResult<Uint8Array>) => void; reject: (e: unknown) => void } | null = null;
  private finished = false;
  private failure: unknown = null;
  cancelled = false;

  constructor(signal?: AbortSignal | null) {
    signal?.addEventListener('abort', () => this.fail(new Error('The operation was aborted.')));
  }

  push(text: string): void {
    const chunk = new TextEncoder().encode(text);
    if (this.pending) {
      this.pending.resolve({ done: false, value: chunk });
      this.pending = null;
    } else {
      this.chunks.push(chunk);
    }
  }

  end(): void {
    this.finished = true;
    this.pending?.resolve({ done: true, value: undefined });
    this.pending = null;
  }

  fail(error: unknown): void {
    if (this.finished) return;
    this.failure = error;
    this.finished = true;
    this.pending?.reject(error);
    this.pending = null;
  }

  response(status = 200): Response {
    const reader = {
      read: (): Promise<ReadableStreamReadResult<Uint8Array>> => {
        const chunk = this.chunks.shift();
        if (chunk) return Promise.resolve({ done: false, value: chunk });
        if (this.failure) return Promise.reject(this.failure);
        if (this.finished) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
      },
      cancel: () => {
        this.cancelled = true;
        return Promise.resolve();
      },
    };
    return { status, ok: status >= 200 && status < 300, body: { getReader: () => reader } } as unknown as Response;
  }
}

/** An answer with a JSON body and no stream. */
export function jsonResponse(status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  return {
    status,
    ok: status >= 200 && status < 300,
    body: null,
    json: () => Promise.resolve(JSON.parse(text)),
    text: () => Promise.resolve(text),
  } as unknown as Response;
}

/** Every fetch call of a test, answered by `answer` (by default: a new open event stream). */
export class FakeNetwork {
  readonly calls: { url: string; init: RequestInit; stream: FakeEventStream }[] = [];
  answer: (stream: FakeEventStream, url: string, init: RequestInit) => Response = (stream) => stream.response();

  readonly fetch = (url: string, init: RequestInit = {}): Promise<Response> => {
    const stream = new FakeEventStream(init.signal);
    this.calls.push({ url, init, stream });
    return Promise.resolve(this.answer(stream, url, init));
  };

  header(call: number, name: string): string | null {
    return new Headers(this.calls[call]?.init.headers).get(name);
  }

  /** Resolves once the `count`-th call was made. */
  async waitForCalls(count: number, timeoutMs = 2_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} fetch calls, saw ${this.calls.length}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
