import { Global, Module } from '@nestjs/common';
import { ClusterSignals } from './cluster-signals.js';

@Global()
@Module({ providers: [ClusterSignals], exports: [ClusterSignals] })
export class EventsModule {}
