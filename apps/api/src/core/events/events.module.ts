import { Global, Module } from '@nestjs/common';
import { ClusterSignals } from './cluster-signals.js';
import { DomainEvents } from './domain-events.js';
import { EventOutbox } from './event-outbox.js';
import { LiveEvents } from './live-events.js';

/** Cross-process signals, typed in-process domain events, the transactional outbox and the live event feed. */
@Global()
@Module({
  providers: [ClusterSignals, DomainEvents, EventOutbox, LiveEvents],
  exports: [ClusterSignals, DomainEvents, EventOutbox, LiveEvents],
})
export class EventsModule {}
