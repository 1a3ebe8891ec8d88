import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { SessionStepEntity } from './session-step.entity.js';

export type NewSessionStep = Pick<SessionStepEntity, 'sessionId' | 'sequence' | 'role' | 'authorId' | 'content'>;

/** Every query on `session_steps`. */
@Injectable()
export class SessionStepsRepository {
  constructor(private readonly tenant: TenantDatabase) {}

  async insert(step: NewSessionStep): Promise<SessionStepEntity> {
    const manager = this.tenant.manager();
    const { identifiers } = await manager.insert(SessionStepEntity, { ...step, accountId: this.requireAccount() });
    return manager.findOneByOrFail(SessionStepEntity, { id: identifiers[0]!.id as string });
  }

  listBySession(sessionId: string): Promise<SessionStepEntity[]> {
    return this.tenant.manager().find(SessionStepEntity, {
      where: { sessionId, accountId: this.requireAccount() },
      order: { sequence: 'ASC' },
    });
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This session steps query needs a tenant transaction');
    return accountId;
  }
}
