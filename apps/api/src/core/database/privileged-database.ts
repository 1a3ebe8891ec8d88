import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from './data-sources.js';

/**
 * The owner connection, which row-level security does not restrict. Only paths that must
 * cross tenants on purpose use it (sign-in by email, invite lookup, super-admin, jobs),
 * and they name it explicitly.
 */
@Injectable()
export class PrivilegedDatabase {
  constructor(@Inject(PRIVILEGED_DATA_SOURCE) private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
