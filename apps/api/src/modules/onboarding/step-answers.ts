import {
  inviteStepDataSchema,
  shopStepDataSchema,
  toolsStepDataSchema,
  type FieldErrors,
  type ShopStepData,
} from '@resolutionflow/contracts';
import type { z } from 'zod';
import { AppError } from '../../core/errors/app-error.js';

export type StepAnswers =
  | { step: 1; data: ShopStepData }
  | { step: 2; data: z.output<typeof inviteStepDataSchema> }
  | { step: 3; data: z.output<typeof toolsStepDataSchema> };

const SCHEMAS: Record<number, z.ZodType> = { 1: shopStepDataSchema, 2: inviteStepDataSchema, 3: toolsStepDataSchema };

/**
 * The `data` of a completed step, validated against that step's contract. Problems are reported
 * under `data.<field>` so a client maps them onto its form as it does for any other body field.
 */
export function parseStepAnswers(step: number, data: unknown): StepAnswers {
  const schema = SCHEMAS[step];
  if (!schema) throw new Error(`Onboarding has no step ${step}`);
  // Steps whose answers are all optional may be completed without a body.
  const result = schema.safeParse(data ?? {});
  if (result.success) return { step, data: result.data } as StepAnswers;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) (fields[['data', ...issue.path].join('.')] ??= []).push(issue.message);
  throw new AppError(400, 'validation_failed', `The answers of step ${step} are invalid`, { fields });
}

/** The invites of step 2, one per address: the first entry for an address wins. */
export function distinctInvites<T extends { email: string }>(invites: T[]): T[] {
  const seen = new Set<string>();
  return invites.filter((invite) => !seen.has(invite.email) && seen.add(invite.email));
}
