import { Global, Module } from '@nestjs/common';
import { ClusterSignals } from './cluster-signals.js';
import { EventOutbox } from './event-outbox.js';
import { LiveEvents } from './live-events.js';

/** Cross-process signals, the transactional outbox and the live event feed built on them. */
@Global()
@Module({ providers: [ClusterSignals, EventOutbox, LiveEvents], exports: [ClusterSignals, EventOutbox, LiveEvents] })
export class EventsModule {}
