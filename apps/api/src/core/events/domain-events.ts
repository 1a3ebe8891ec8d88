import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';

/**
 * Every in-process domain event and its payload. Emitting and listening go through this map
 * only, so renaming an event or changing its payload is a compile error everywhere it is used.
 * (Events other processes or clients must see go through the outbox instead: EventOutbox.)
 */
export interface DomainEventMap {
  /** A member was removed from their account; their sessions must end. */
  'user.removed': { userId: string; accountId: string };
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

/** Listens to a domain event by its typed name. */
export const OnDomainEvent = <K extends DomainEventName>(name: K): MethodDecorator => OnEvent(name);
