import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import type { Role } from '@resolutionflow/contracts';

/**
 * Every in-process domain event and its payload. Emitting and listening go through this map
 * only, so renaming an event or changing its payload is a compile error everywhere it is used.
 * (Events other processes or clients must see go through the outbox instead: EventOutbox.)
 */
export interface DomainEventMap {
  /** A member was removed from their account; their sessions must end. */
  'user.removed': { userId: string; accountId: string };
  /** A session was resolved, in the transaction that resolved it: what waited on it must end with it. */
  'session.resolved': { sessionId: string; accountId: string };
  /** A member's role changed; what they may do now follows `to`. */
  'user.role_changed': { userId: string; accountId: string; from: Role; to: Role };
  /** An API key was revoked; it must stop working everywhere, open streams included. */
  'api_key.revoked': { apiKeyId: string; accountId: string };
}

export type DomainEventName = keyof DomainEventMap;

@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  /** Runs every listener and waits for them. */
  async emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }
}

/**
 * Listens to a domain event by its typed name. A listener's error is logged and swallowed unless
 * `required` is set: then it fails the emitter, and with it the emitter's transaction.
 */
export const OnDomainEvent = <K extends DomainEventName>(name: K, options: { required?: boolean } = {}): MethodDecorator =>
  OnEvent(name, { suppressErrors: !options.required });
