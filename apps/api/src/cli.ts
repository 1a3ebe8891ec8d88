import 'reflect-metadata';
import { COMMANDS, type CliContext } from './cli/commands.js';
import { UsageError } from './cli/flags.js';
import { ConfigError, loadConfig } from './core/config/app-config.js';
import { openDatabaseServer } from './core/database/database-server.js';
import { createRootLogger } from './core/logging/logger.js';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: npm run cli -- <command> [args]\n\nCommands:\n${lines.join('\n')}\n`;
}

/** The ops CLI: `npm run cli -- <command>`. Exits non-zero on any failure. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 64;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 64;
  }
  const config = loadConfig();
  // Commands print their own results; the JSON log only carries warnings and errors.
  const logger = createRootLogger(config.env.LOG_LEVEL === 'info' ? 'warn' : config.env.LOG_LEVEL, 2);
  const database = await openDatabaseServer(config, logger);
  const ctx: CliContext = { config, database, logger, out: (line) => process.stdout.write(`${line}\n`) };
  try {
    await command.run(ctx, args);
    return 0;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage()}`);
      process.exit(64);
    }
    const message = error instanceof ConfigError ? error.message : `Command failed: ${(error as Error)?.message ?? error}`;
    process.stderr.write(`${message}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
