import { z } from 'zod';
import { pageOf } from './pagination.js';

/** `standalone` sessions live on the script builder page; `pilot_inline` ones inside a FlowPilot session. */
export const scriptBuilderOriginSchema = z.enum(['standalone', 'pilot_inline']);
export type ScriptBuilderOrigin = z.infer<typeof scriptBuilderOriginSchema>;

export const createScriptBuilderSessionRequestSchema = z
  .object({
    origin: scriptBuilderOriginSchema,
    aiSessionId: z.uuid({ message: 'must be a UUID' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.origin === 'pilot_inline' && !body.aiSessionId) {
      ctx.addIssue({ code: 'custom', path: ['aiSessionId'], message: 'is required for a pilot_inline session' });
    }
    if (body.origin === 'standalone' && body.aiSessionId) {
      ctx.addIssue({ code: 'custom', path: ['aiSessionId'], message: 'is only allowed for a pilot_inline session' });
    }
  });
export type CreateScriptBuilderSessionRequest = z.input<typeof createScriptBuilderSessionRequestSchema>;

export const scriptBuilderSessionSchema = z.object({
  id: z.uuid(),
  origin: scriptBuilderOriginSchema,
  aiSessionId: z.uuid().nullable(),
  ownerId: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScriptBuilderSession = z.infer<typeof scriptBuilderSessionSchema>;

export const scriptBuilderSessionPageSchema = pageOf(scriptBuilderSessionSchema);
