import { Injectable } from '@nestjs/common';
import type { EscalationQueueItem } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import { HandoffsRepository } from './handoffs.repository.js';

@Injectable()
export class EscalationQueueService {
  constructor(private readonly handoffs: HandoffsRepository) {}

  /** Open escalations of my account that I did not raise, unclaimed first. */
  list(principal: Principal, limit: number): Promise<EscalationQueueItem[]> {
    if (!principal.userId) throw new AppError(403, 'forbidden', 'This API key has no user behind it');
    return this.handoffs.queue(principal.accountId, principal.userId, limit);
  }
}
