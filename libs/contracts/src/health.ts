import { z } from 'zod';

export const healthLiveSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
  version: z.string(),
});
export type HealthLive = z.infer<typeof healthLiveSchema>;

export const healthCheckSchema = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number().nullable(),
  error: z.string().optional(),
});

export const healthReadySchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: healthCheckSchema }),
});
export type HealthReady = z.infer<typeof healthReadySchema>;
