import type { MessageEvent } from '@nestjs/common';
import { interval, map, Observable, share } from 'rxjs';
import type { LiveEvent } from './live-event.js';
import type { LiveEvents } from './live-events.js';

export const HEARTBEAT_MS = 20_000;

/** One timer for every open stream in the process, not one per connection; it runs while anyone listens. */
export const heartbeat$ = interval(HEARTBEAT_MS).pipe(
  map((): MessageEvent => ({ comment: 'heartbeat' }) as MessageEvent),
  share(),
);

export interface LiveStreamOptions {
  accountId: string;
  userId: string | null;
  /** The client's Last-Event-ID: what it already has. */
  lastEventId?: string;
  /** Event types this stream carries. */
  types: ReadonlySet<string>;
}

const EVENT_ID = /^\d{1,19}$/;

function visibleTo(options: LiveStreamOptions) {
  return (event: LiveEvent) =>
    event.accountId === options.accountId &&
    options.types.has(event.type) &&
    (event.recipientUserId === null || event.recipientUserId === options.userId);
}

/** Outbox ids are decimal strings without leading zeros: longer is larger, else compare as text. */
function isAfter(id: string, than: string): boolean {
  return id.length !== than.length ? id.length > than.length : id > than;
}

/** Every stream of an account gets the same event: its JSON is written once, not once per stream. */
const serialized = new WeakMap<LiveEvent, string>();

function toMessage(event: LiveEvent): MessageEvent {
  let data = serialized.get(event);
  if (data === undefined) serialized.set(event, (data = JSON.stringify(event.payload)));
  return { id: event.id, type: event.type, data };
}

/**
 * An account's live stream: `ready` (whose id is the position the stream starts from, so a
 * client that drops before any event resumes without a gap), then the events it missed when
 * resuming, then live ones — without a gap or a duplicate. The live feed is subscribed before
 * the outbox is read; live events that arrive meanwhile wait, and those at or before the
 * position (or already replayed) are dropped by id — per account, ids follow commit order.
 */
export function liveStream(events: LiveEvents, options: LiveStreamOptions): Observable<MessageEvent> {
  const visible = visibleTo(options);
  const resumeFrom = options.lastEventId && EVENT_ID.test(options.lastEventId) ? options.lastEventId : undefined;
  return new Observable<MessageEvent>((subscriber) => {
    // Until the start position is known, live events wait here; afterwards only newer ones pass.
    let waiting: LiveEvent[] | null = [];
    let floor = '0';
    const live = events.eventsOf(options.accountId).subscribe((event) => {
      if (!visible(event)) return;
      if (waiting) waiting.push(event);
      else if (isAfter(event.id, floor)) {
        floor = event.id;
        subscriber.next(toMessage(event));
      }
    });
    const heartbeat = heartbeat$.subscribe((message) => subscriber.next(message));
    const start = resumeFrom
      ? events.replay(options.accountId, resumeFrom).then((rows) => ({ position: resumeFrom, missed: rows.filter(visible) }))
      : events.latestId(options.accountId).then((position) => ({ position, missed: [] as LiveEvent[] }));
    start.then(
      ({ position, missed }) => {
        if (subscriber.closed) return;
        subscriber.next(ready(options.accountId, position, resumeFrom));
        floor = position;
        for (const event of [...missed, ...waiting!]) {
          if (!isAfter(event.id, floor)) continue;
          floor = event.id;
          subscriber.next(toMessage(event));
        }
        waiting = null;
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => {
      live.unsubscribe();
      heartbeat.unsubscribe();
    };
  });
}

function ready(accountId: string, position: string, resumedFrom: string | undefined): MessageEvent {
  return { id: position, type: 'ready', data: { accountId, resumedFrom: resumedFrom ?? null } } as MessageEvent;
}
