import { z } from 'zod';
import { encryptionKeyProblem } from '../security/encryption.js';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .pipe(z.url({ message: 'must be a URL' }).optional());

const postgresUrl = optionalUrl.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
  message: 'must be a postgres:// URL',
});

const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';

/**
 * Every environment variable the API reads. A value that does not parse stops the boot
 * with the variable's name (see loadConfig).
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    APP_URL: z.url({ message: 'must be a URL' }).default('http://localhost:3000'),
    CORS_ORIGINS: optionalString,
    // Behind a load balancer: take the client IP from X-Forwarded-For (rate limits key on it).
    TRUST_PROXY: bool(false),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    WEB_DIST_DIR: optionalString,

    DATABASE_URL: postgresUrl,
    DATABASE_APP_URL: postgresUrl,
    DATABASE_APP_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('rf_app_local_password'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().default('.data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),

    JOBS_WORKER_ENABLED: bool(true),
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    JOBS_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
    JOBS_BACKOFF_BASE_MS: z.coerce.number().int().min(10).default(2_000),
    JOBS_BACKOFF_MAX_MS: z.coerce.number().int().min(100).default(600_000),
    // A running job's claim, renewed while it runs: a job whose process died is due again this soon.
    JOBS_LOCK_SECONDS: z.coerce.number().int().min(3).max(3600).default(30),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    ENCRYPTION_KEY: optionalString,
    // Keys replaced by ENCRYPTION_KEY that still open values sealed before a rotation; they never seal.
    ENCRYPTION_KEYS_PREVIOUS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((key) => key.trim()).filter(Boolean))
      .superRefine((keys, ctx) =>
        keys.forEach((key, i) => {
          const problem = encryptionKeyProblem(key);
          if (problem) ctx.addIssue({ code: 'custom', message: `key ${i + 1} ${problem}` });
        }),
      ),
    SELF_SERVE_ENABLED: bool(true),
    REQUIRE_INVITE_CODE: bool(false),
    TRIAL_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    EMAIL_VERIFICATION_GRACE_HOURS: z.coerce.number().int().min(0).default(72),

    // Where browsers reach the API, for OAuth callback URLs; the API serves the web app, so APP_URL unless split.
    API_PUBLIC_URL: optionalUrl,
    // A provider is offered only when its client id is set. The endpoint URLs let a local stand-in serve.
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    GOOGLE_AUTH_URL: z.url({ message: 'must be a URL' }).default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_TOKEN_URL: z.url({ message: 'must be a URL' }).default('https://oauth2.googleapis.com/token'),
    GOOGLE_USERINFO_URL: z.url({ message: 'must be a URL' }).default('https://openidconnect.googleapis.com/v1/userinfo'),
    MS_CLIENT_ID: optionalString,
    MS_CLIENT_SECRET: optionalString,
    MS_TENANT_ID: z.string().default('organizations'),
    // Default: Entra ID v2.0 for MS_TENANT_ID.
    MS_ISSUER_URL: optionalUrl,

    STRIPE_SECRET_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_API_URL: optionalUrl,
    STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    ENTITLEMENTS_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),

    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().default('ResolutionFlow <no-reply@resolutionflow.local>'),
    SALES_LEAD_RECIPIENT_EMAIL: optionalString,

    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: optionalUrl,
    AI_MODEL: z.string().default('claude-sonnet-4-5'),
    // Deadline of one assistant call (chat reply, document, assessment) including retries; never a hung request.
    AI_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
    AI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
    // Nobody claimed an escalation in this long: tell the responders again, then owners/admins once more.
    ESCALATION_REALERT_MINUTES: z.coerce.number().min(0.01).max(1440).default(10),
    // The escalation waits this long at most for the assistant's briefing, then writes it from the record.
    ESCALATION_PACKAGE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
    ESCALATION_AI_ASSESSMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(45),
    // Each ConnectWise call gives up after this long, so a slow PSA never hangs a request or a worker.
    PSA_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    // In production, Slack/Teams webhook URLs may only name these hosts (`*.` = any subdomain), e.g. plus a self-hosted proxy.
    CHAT_WEBHOOK_HOSTS: z
      .string()
      .default('hooks.slack.com,*.webhook.office.com,*.logic.azure.com,*.powerplatform.com')
      .transform((v) => v.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must list host names, each optionally starting with *.')).min(1)),

    POSTHOG_KEY: optionalString,
    // Set: signals between API processes (live events, job wake-ups, cache invalidation) use Redis pub/sub instead of NOTIFY.
    REDIS_URL: optionalUrl.refine((v) => v === undefined || /^rediss?:\/\//.test(v), { message: 'must be a redis:// URL' }),
    // PostHog project host for server-side capture; a local stand-in in tests.
    POSTHOG_HOST: z.url({ message: 'must be a URL' }).default('https://us.i.posthog.com'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production' });
    }
    if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEY'], message: 'must be set in production' });
    }
    // Half a provider would be offered on the sign-in page and fail at the token exchange.
    for (const [id, secret] of [
      ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
      ['MS_CLIENT_ID', 'MS_CLIENT_SECRET'],
    ] as const) {
      if (Boolean(env[id]) !== Boolean(env[secret])) {
        const missing = env[id] ? secret : id;
        ctx.addIssue({ code: 'custom', path: [missing], message: `must be set together with ${missing === id ? secret : id}` });
      }
    }
    const encryptionKeyIssue = env.ENCRYPTION_KEY ? encryptionKeyProblem(env.ENCRYPTION_KEY) : undefined;
    if (encryptionKeyIssue) ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEY'], message: encryptionKeyIssue });
  });

export type Env = z.infer<typeof envSchema>;
