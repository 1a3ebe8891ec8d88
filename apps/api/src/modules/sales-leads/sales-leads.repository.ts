import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../core/database/privileged-database.js';
import { SalesLeadEntity } from './sales-lead.entity.js';

export type NewSalesLead = Pick<SalesLeadEntity, 'name' | 'email' | 'company' | 'teamSize' | 'message' | 'source' | 'ip' | 'userAgent'>;

/** Every query on `sales_leads`. Visitors have no account, so this is the privileged connection. */
@Injectable()
export class SalesLeadsRepository {
  constructor(private readonly privileged: PrivilegedDatabase) {}

  /** Runs `work` in one transaction: the lead and the jobs it causes commit together or not at all. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.privileged.transaction(work);
  }

  insert(lead: NewSalesLead, manager: EntityManager): Promise<SalesLeadEntity> {
    return manager.save(SalesLeadEntity, manager.create(SalesLeadEntity, lead));
  }
}
