import { envSchema, type Env } from './config.schema.js';

/** Thrown when the environment does not describe a runnable API; the message names each bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The validated configuration, injected by this class token. */
export class AppConfig {
  constructor(readonly env: Env) {}

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  /** Origins allowed by CORS: the web app's own origin plus any configured extras. */
  get corsOrigins(): string[] {
    const extra = this.env.CORS_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean) ?? [];
    return [...new Set([new URL(this.env.APP_URL).origin, ...extra])];
  }
}

export function loadConfig(source: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return new AppConfig(parsed.data);
}
