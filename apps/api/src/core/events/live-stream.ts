import type { MessageEvent } from '@nestjs/common';
import { concat, defer, filter, from, interval, map, merge, mergeMap, share, type Observable } from 'rxjs';
import type { LiveEvent } from './live-event.js';
import type { LiveEvents } from './live-events.js';

export const HEARTBEAT_MS = 20_000;

/** One timer for every open stream in the process, not one per connection. */
const heartbeat$ = interval(HEARTBEAT_MS).pipe(
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

function toMessage(event: LiveEvent): MessageEvent {
  return { id: event.id, type: event.type, data: event.payload as object };
}

/**
 * An account's live stream: `ready` (whose id is the position the stream starts from, so a
 * client that drops before any event resumes without a gap), then the events it missed when
 * resuming, then live ones — without a gap or a duplicate. The live feed is subscribed before
 * the outbox is read; live events that arrive meanwhile wait, and those already replayed are
 * dropped by id.
 */
export function liveStream(events: LiveEvents, options: LiveStreamOptions): Observable<MessageEvent> {
  const visible = visibleTo(options);
  const resumeFrom = options.lastEventId && EVENT_ID.test(options.lastEventId) ? options.lastEventId : undefined;
  return defer(() => {
    const buffered: LiveEvent[] = [];
    let starting = true;
    const sent = new Set<string>();
    const live = events.events$.pipe(
      filter(visible),
      mergeMap((event) => {
        if (starting) {
          buffered.push(event);
          return [];
        }
        return sent.has(event.id) ? [] : [event];
      }),
      map(toMessage),
    );
    const start = from(
      resumeFrom
        ? events.replay(options.accountId, resumeFrom).then((rows) => ({ position: resumeFrom, missed: rows.filter(visible) }))
        : events.latestId(options.accountId).then((position) => ({ position, missed: [] as LiveEvent[] })),
    ).pipe(
      mergeMap(({ position, missed }) => {
        for (const row of missed) sent.add(row.id);
        const late = buffered.filter((e) => !sent.has(e.id) && BigInt(e.id) > BigInt(position));
        for (const e of late) sent.add(e.id);
        buffered.length = 0;
        starting = false;
        return [ready(options.accountId, position, resumeFrom), ...[...missed, ...late].map(toMessage)];
      }),
    );
    return merge(concat(start, live), heartbeat$);
  });
}

function ready(accountId: string, position: string, resumedFrom: string | undefined): MessageEvent {
  return { id: position, type: 'ready', data: { accountId, resumedFrom: resumedFrom ?? null } } as MessageEvent;
}
