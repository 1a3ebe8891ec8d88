/** One dispatched Server-Sent Event. `id` is the stream's last event id at the time (it persists). */
export interface SseMessage {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

/**
 * An incremental `text/event-stream` parser (the WHATWG algorithm): feed it text as it arrives
 * in any chunking; it answers the events completed so far. Comment lines (heartbeats) dispatch
 * nothing. Line ends may be CRLF, LF or CR, even split across chunks.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventType = '';
  private lastEventId: string | null = null;

  constructor(initialLastEventId: string | null = null) {
    this.lastEventId = initialLastEventId;
  }

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A CR at the very end may be the first half of a CRLF still on its way.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
        // `retry` and unknown fields: the reconnect policy is the client's own.
        break;
    }
    return null;
  }

  private dispatch(): SseMessage | null {
    const type = this.eventType || 'message';
    const data = this.data.join('\n');
    const had = this.data.length > 0;
    this.data = [];
    this.eventType = '';
    return had ? { id: this.lastEventId, event: type, data } : null;
  }
}
