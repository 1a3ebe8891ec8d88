import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';

@Global()
@Module({ providers: [JobsRepository, JobQueue], exports: [JobQueue] })
export class JobsModule {}
