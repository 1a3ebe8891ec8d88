import type { StreamRevocationReason } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';

/**
 * Who holds a stream: a person, or an API key. A key's streams are its own: removing the person
 * who created it does not stop the key, so it does not end them either.
 */
export interface StreamHolder {
  kind: 'user' | 'api_key';
  id: string;
  accountId: string;
}

export function holderOf(principal: Principal): StreamHolder {
  const id = principal.kind === 'api_key' ? principal.apiKeyId : principal.userId;
  if (!id) throw new Error(`A ${principal.kind} principal without an id cannot hold a stream`);
  return { kind: principal.kind, id, accountId: principal.accountId };
}

/** `user:<id>` or `key:<id>`: how a holder is named in signals and here. */
export function holderKey(holder: Pick<StreamHolder, 'kind' | 'id'>): string {
  return `${holder.kind === 'api_key' ? 'key' : 'user'}:${holder.id}`;
}

interface OpenStream {
  holder: StreamHolder;
  /** Registration order: see `sequence`. */
  registered: number;
  end: (reason: StreamRevocationReason) => void;
}

/** The open streams of this process by holder, so that a change of one holder's access finds theirs. */
export class OpenStreams {
  private readonly byHolder = new Map<string, Set<OpenStream>>();
  private count = 0;
  private registered = 0;

  /** Registers a stream; `end` finishes it. Answers its release, for when it closes (idempotent). */
  add(holder: StreamHolder, end: (reason: StreamRevocationReason) => void): () => void {
    const key = holderKey(holder);
    let streams = this.byHolder.get(key);
    if (!streams) this.byHolder.set(key, (streams = new Set()));
    const entry: OpenStream = { holder, registered: ++this.registered, end };
    streams.add(entry);
    this.count += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count -= 1;
      streams.delete(entry);
      if (!streams.size && this.byHolder.get(key) === streams) this.byHolder.delete(key);
    };
  }

  /** How many streams have registered so far: streams registered after a read of it are newer. */
  get sequence(): number {
    return this.registered;
  }

  /** Open streams in this process: a leak shows up here. */
  get size(): number {
    return this.count;
  }

  /** The holder behind `key`, while they have a stream open here. */
  holder(key: string): StreamHolder | undefined {
    return this.byHolder.get(key)?.values().next().value?.holder;
  }

  /** Keys of every holder with an open stream, or only those of `accountId`. */
  keys(accountId?: string): string[] {
    const keys: string[] = [];
    for (const [key, streams] of this.byHolder) {
      if (accountId === undefined || streams.values().next().value?.holder.accountId === accountId) keys.push(key);
    }
    return keys;
  }

  /** Ends the holder's open streams registered up to `registeredUpTo` (a `sequence`); answers how many. */
  end(key: string, reason: StreamRevocationReason, registeredUpTo = this.registered): number {
    // Ending releases, which edits the set: walk a copy.
    const streams = [...(this.byHolder.get(key) ?? [])].filter((stream) => stream.registered <= registeredUpTo);
    for (const stream of streams) stream.end(reason);
    return streams.length;
  }
}
