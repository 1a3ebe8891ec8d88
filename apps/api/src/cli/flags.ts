/**
 * `--name value` and `--name=value` options of a command, plus bare `--name` switches; anything
 * else (an unknown flag, a missing value, a value given to a switch, a stray argument) is an error
 * naming it.
 */
export function parseFlags<K extends string, S extends string = never>(
  args: string[],
  known: readonly K[],
  switches: readonly S[] = [],
): Partial<Record<K, string>> & Partial<Record<S, true>> {
  const flags: Partial<Record<string, string | true>> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}"`);
    const name = match[1]!;
    if ((switches as readonly string[]).includes(name)) {
      if (match[2] !== undefined) throw new UsageError(`Option --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    if (!(known as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown option --${name}; expected ${[...known, ...switches].map((k) => `--${k}`).join(', ')}`);
    }
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`Option --${name} needs a value`);
    flags[name] = value;
  }
  return flags as Partial<Record<K, string>> & Partial<Record<S, true>>;
}

/** A command was called with wrong arguments: the CLI exits 64 and prints the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
