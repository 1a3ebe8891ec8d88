import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../../../migrations/index.js';
import { ENTITIES } from '../../entities.js';
import { createDataSource } from './data-sources.js';
import { ensureRuntimeRole } from './runtime-role.js';

export interface MigrationState {
  name: string;
  applied: boolean;
}

/** Runs the schema migrations as the owning role. Used by the CLI, `npm start` and the test harness. */
export class Migrator {
  private constructor(private readonly owner: DataSource) {}

  static async connect(ownerUrl: string): Promise<Migrator> {
    const owner = createDataSource({ url: ownerUrl, max: 2, applicationName: 'resolutionflow-migrator' }, ENTITIES, MIGRATIONS);
    await owner.initialize();
    return new Migrator(owner);
  }

  /** Applies every pending migration; returns the names applied. */
  async run(runtimePassword: string): Promise<string[]> {
    await ensureRuntimeRole(this.owner, runtimePassword);
    const applied = await this.owner.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }

  /** Reverts the most recent migration; returns its name, or null when none is applied. */
  async revertLast(): Promise<string | null> {
    const before = await this.status();
    const last = [...before].reverse().find((m) => m.applied);
    if (!last) return null;
    await this.owner.undoLastMigration({ transaction: 'each' });
    return last.name;
  }

  async status(): Promise<MigrationState[]> {
    const table = await this.owner.query(`select to_regclass('public.schema_migrations') is not null as present`);
    const applied = new Set<string>(
      table[0].present ? (await this.owner.query(`select name from schema_migrations`)).map((r: { name: string }) => r.name) : [],
    );
    return this.owner.migrations.map((m) => ({ name: m.name ?? m.constructor.name, applied: applied.has(m.name ?? '') }));
  }

  get dataSource(): DataSource {
    return this.owner;
  }

  close(): Promise<void> {
    return this.owner.destroy();
  }
}
