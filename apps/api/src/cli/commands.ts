import { NestFactory } from '@nestjs/core';
import { createInviteCodeRequestSchema } from '@resolutionflow/contracts';
import type { Logger as Pino } from 'pino';
import { AppModule } from '../app.module.js';
import { AppConfig } from '../core/config/app-config.js';
import type { DatabaseServer } from '../core/database/database-server.js';
import { resolveDatabaseUrls } from '../core/database/database-urls.js';
import { Migrator } from '../core/database/migrator.js';
import { JsonNestLogger } from '../core/logging/logger.js';
import { SecretBox } from '../core/security/secret-box.js';
import { PlatformInviteCodesService } from '../modules/auth/invite-codes/platform-invite-codes.service.js';
import { UsersService } from '../modules/users/users.service.js';
import { seedDemo } from './demo-seed.js';
import { parseFlags, UsageError } from './flags.js';
import { rotateSecrets } from './rotate-secrets.js';

export interface CliContext {
  config: AppConfig;
  database: DatabaseServer;
  logger: Pino;
  out: (line: string) => void;
}

export interface Command {
  summary: string;
  usage?: string;
  run(ctx: CliContext, args: string[]): Promise<void>;
}

async function withMigrator<T>(ctx: CliContext, work: (m: Migrator) => Promise<T>): Promise<T> {
  const migrator = await Migrator.connect(ctx.database.ownerUrl);
  try {
    return await work(migrator);
  } finally {
    await migrator.close();
  }
}

/** Runs `work` inside the application's container, so commands use the same services as the API. */
async function withAppContext<T>(ctx: CliContext, work: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  // A one-off command must not start taking jobs off the queue like an API process would.
  const config = new AppConfig({ ...ctx.config.env, JOBS_WORKER_ENABLED: false });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, resolveDatabaseUrls(config, ctx.database.ownerUrl)),
    { logger: new JsonNestLogger(ctx.logger) },
  );
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export const COMMANDS: Record<string, Command> = {
  'migrate:run': {
    summary: 'Apply every pending migration (as the owning role)',
    run: (ctx) =>
      withMigrator(ctx, async (m) => {
        const applied = await m.run(ctx.config.env.DATABASE_APP_PASSWORD);
        ctx.out(applied.length ? applied.map((n) => `applied  ${n}`).join('\n') : 'Schema is up to date; nothing to apply.');
      }),
  },
  'migrate:revert': {
    summary: 'Revert the most recently applied migration (may drop tables and their data: needs --yes)',
    usage: '--yes',
    run: async (ctx, args) => {
      const confirmed = parseFlags(args, [], ['yes']).yes === true;
      await withMigrator(ctx, async (m) => {
        if (!confirmed) {
          const last = [...(await m.status())].reverse().find((s) => s.applied);
          throw new UsageError(
            last
              ? `This reverts ${last.name}, which may drop tables or columns and the data in them. Run migrate:revert --yes to go ahead.`
              : 'No migration is applied; nothing to revert.',
          );
        }
        const reverted = await m.revertLast();
        ctx.out(reverted ? `reverted ${reverted}` : 'No migration is applied; nothing to revert.');
      });
    },
  },
  'migrate:status': {
    summary: 'List every migration and whether it is applied',
    run: (ctx) =>
      withMigrator(ctx, async (m) => {
        const states = await m.status();
        for (const s of states) ctx.out(`${s.applied ? '[applied]' : '[pending]'} ${s.name}`);
        const pending = states.filter((s) => !s.applied).length;
        ctx.out(`${states.length - pending} applied, ${pending} pending`);
      }),
  },
  'seed:demo': {
    summary: 'Create the demo account and its data (idempotent)',
    run: (ctx) =>
      withAppContext(ctx, async (app) => {
        const report = await seedDemo(app);
        for (const c of report.created) ctx.out(`created  ${c}`);
        for (const s of report.skipped) ctx.out(`exists   ${s}`);
      }),
  },
  'user:promote-superadmin': {
    summary: 'Make a user a platform super-admin (manages invite codes and plans)',
    usage: '<email>',
    run: async (ctx, args) => {
      const email = args[0]?.trim().toLowerCase();
      if (!email || args.length > 1) throw new UsageError('Usage: user:promote-superadmin <email>');
      await withAppContext(ctx, async (app) => {
        if (!(await app.get(UsersService).grantSuperAdmin(email))) throw new Error(`No active user has the email ${email}`);
        ctx.out(`${email} is now a super-admin.`);
      });
    },
  },
  'invite-code:create': {
    summary: 'Create a platform invite code and print it',
    usage: '[--max-uses N] [--note "…"]',
    run: async (ctx, args) => {
      const flags = parseFlags(args, ['max-uses', 'note']);
      const input = createInviteCodeRequestSchema.safeParse({
        maxUses: flags['max-uses'] === undefined ? undefined : Number(flags['max-uses']),
        note: flags.note,
      });
      if (!input.success) {
        const flagOf: Record<string, string> = { maxUses: '--max-uses', note: '--note' };
        throw new UsageError(`Invalid options: ${input.error.issues.map((i) => `${flagOf[String(i.path[0])]} ${i.message}`).join('; ')}`);
      }
      await withAppContext(ctx, async (app) => {
        const created = await app.get(PlatformInviteCodesService).create(input.data, null);
        ctx.out(created.code);
      });
    },
  },
  'secrets:rotate': {
    summary: 'Re-seal every stored secret with ENCRYPTION_KEY, so ENCRYPTION_KEYS_PREVIOUS can be dropped',
    usage: '[--dry-run] [--batch-size N]',
    run: async (ctx, args) => {
      const flags = parseFlags(args, ['batch-size'], ['dry-run']);
      const batchSize = flags['batch-size'] === undefined ? 500 : Number(flags['batch-size']);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw new UsageError('Invalid options: --batch-size must be a whole number from 1 to 10000');
      }
      const dryRun = flags['dry-run'] === true;
      await withAppContext(ctx, async (app) => {
        ctx.out(`${dryRun ? 'Dry run: counting' : 'Re-sealing'} stored secrets with encryption key ${app.get(SecretBox).currentKeyId}`);
        const tables = await rotateSecrets(app, { batchSize, dryRun });
        for (const t of tables) {
          const unreadable = t.unreadable.length ? `, ${t.unreadable.length} cannot be opened` : '';
          ctx.out(`${t.table}: ${t.resealed} ${dryRun ? 'to re-seal' : 're-sealed'}, ${t.alreadyCurrent} already current${unreadable}`);
        }
        const unreadable = tables.flatMap((t) => t.unreadable);
        for (const line of unreadable) ctx.out(`cannot open ${line}`);
        if (unreadable.length) {
          throw new Error(
            `${unreadable.length} stored secret(s) cannot be opened with the configured keys; keep ENCRYPTION_KEYS_PREVIOUS until they are resolved`,
          );
        }
      });
    },
  },
};
