/**
 * `--name value` and `--name=value` options of a command; anything else (an unknown flag, a
 * missing value, a stray argument) is an error naming it.
 */
export function parseFlags<K extends string>(args: string[], known: readonly K[]): Partial<Record<K, string>> {
  const flags: Partial<Record<K, string>> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}"`);
    const name = match[1] as K;
    if (!known.includes(name)) throw new UsageError(`Unknown option --${name}; expected ${known.map((k) => `--${k}`).join(', ')}`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`Option --${name} needs a value`);
    flags[name] = value;
  }
  return flags;
}

/** A command was called with wrong arguments: the CLI exits 64 and prints the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
