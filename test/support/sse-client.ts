/** One server-sent event as a client sees it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

/**
 * A fetch-based SSE reader for tests: collects events, parses JSON data, and can wait for one.
 * Comments (heartbeats) are counted, not returned as events.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  status = 0;
  private readonly controller = new AbortController();
  private done: Promise<void> = Promise.resolve();
  private waiters: { predicate: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    await client.connect(url, headers);
    return client;
  }

  private async connect(url: string, headers: Record<string, string>): Promise<void> {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: this.controller.signal });
    this.status = response.status;
    if (!response.ok || !response.body) {
      this.body = await response.text();
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let index: number;
          while ((index = buffer.indexOf('\n\n')) >= 0) {
            this.parse(buffer.slice(0, index));
            buffer = buffer.slice(index + 2);
          }
        }
      } catch {
        // Aborted by close(), or the server ended the stream.
      }
      this.closed = true;
    })();
  }

  body = '';
  closed = false;

  waitFor(predicate: (e: SseEvent) => boolean, timeoutMs = 5_000): Promise<SseEvent> {
    const found = this.events.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`No matching event within ${timeoutMs} ms; got ${this.events.map((e) => e.event).join(', ')}`));
      }, timeoutMs).unref();
    });
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }

  private parse(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    let onlyComments = true;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      onlyComments = false;
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (onlyComments) {
      this.comments += 1;
      return;
    }
    const raw = data.join('\n');
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // Plain text data.
    }
    const message: SseEvent = { id, event, data: parsed };
    this.events.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(message)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(message);
      }
    }
  }
}
