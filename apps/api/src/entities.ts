import { AuditEventEntity } from './core/audit/audit-event.entity.js';
import { AccountEntity } from './modules/accounts/account.entity.js';

/** Every TypeORM entity of the API. A module that adds a table adds its entity here. */
export const ENTITIES: Function[] = [AccountEntity, AuditEventEntity];
