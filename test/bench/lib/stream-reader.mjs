import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();

/**
 * One live-stream client, as lean as a fetch reader gets (thousands run in the bench process):
 * per `handoff_created` it keeps the handoff id, when it arrived and the card's `createdAt` (the
 * row's timestamp; same machine, same clock); other events are only counted.
 */
export class StreamReader {
  received = new Map();
  otherEvents = 0;
  status = 0;
  ready = false;
  closed = false;
  error = null;
  #controller = new AbortController();
  #buffer = '';
  #decoder = new TextDecoder();
  #done = Promise.resolve();

  /** Resolves once the stream answered and its `ready` event arrived. */
  async open(url, token) {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: this.#controller.signal });
    this.status = res.status;
    if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}: ${await res.text()}`);
    const reader = res.body.getReader();
    let onReady;
    const readyOnce = new Promise((resolve) => (onReady = resolve));
    this.#done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.#consume(this.#decoder.decode(value, { stream: true }), onReady);
        }
      } catch (error) {
        if (error.name !== 'AbortError') this.error = error;
      }
      this.closed = true;
      onReady();
    })();
    await readyOnce;
    if (!this.ready) throw new Error(`stream closed before it was ready${this.error ? `: ${this.error.message}` : ''}`);
  }

  #consume(text, onReady) {
    const at = now();
    this.#buffer += text;
    let end;
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      // The stream opens with a bare newline before the first event.
      const block = this.#buffer.slice(0, end).replace(/^\n+/, '');
      this.#buffer = this.#buffer.slice(end + 2);
      if (block.startsWith('event: handoff_created\n')) {
        const data = JSON.parse(block.slice(block.indexOf('\ndata: ') + 7));
        if (!this.received.has(data.handoffId)) this.received.set(data.handoffId, [at, Date.parse(data.createdAt)]);
      } else if (block.startsWith('event: ready\n')) {
        this.ready = true;
        onReady();
      } else if (block.startsWith('event:')) {
        this.otherEvents += 1;
      }
    }
  }

  async close() {
    this.#controller.abort();
    await this.#done;
  }
}
