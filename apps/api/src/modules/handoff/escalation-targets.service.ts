import { Injectable } from '@nestjs/common';
import type { EscalationTarget } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import { UsersService } from '../users/users.service.js';
import { toEscalationTarget } from './handoff.mapper.js';

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Whom an engineer may send an escalation to: the same people `POST …/handoff` accepts as `targetUserId`. */
@Injectable()
export class EscalationTargetsService {
  constructor(private readonly users: UsersService) {}

  async list(principal: Principal): Promise<EscalationTarget[]> {
    if (principal.kind !== 'user' || !principal.userId) {
      throw new AppError(403, 'forbidden', 'Escalation targets are for the engineer who escalates; use a user token');
    }
    const me = principal.userId;
    const responders = await this.users.listResponders();
    return responders
      .filter((r) => r.id !== me)
      .map(toEscalationTarget)
      .sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
  }
}
