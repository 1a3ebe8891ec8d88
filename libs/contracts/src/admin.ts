import { z } from 'zod';
import { pageOf } from './pagination.js';

// Platform invite codes (super-admin)

export const createInviteCodeRequestSchema = z.object({
  /** Omitted: a readable code is generated. */
  code: z
    .string()
    .trim()
    .min(6, 'must be at least 6 characters')
    .max(64, 'must be at most 64 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'may contain letters, digits, "-" and "_" only')
    .optional(),
  note: z.string().trim().max(500).optional(),
  maxUses: z.number().int().min(1).max(100_000).default(1),
  expiresAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time' })
    .refine((v) => Date.parse(v) > Date.now(), 'must be in the future')
    .optional(),
});
export type CreateInviteCodeRequest = z.input<typeof createInviteCodeRequestSchema>;

/** `used_up` once every use is taken; `revoked` and `expired` stop a code whatever uses remain. */
export const inviteCodeStatusSchema = z.enum(['active', 'used_up', 'expired', 'revoked']);
export type InviteCodeStatus = z.infer<typeof inviteCodeStatusSchema>;

export const inviteCodeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  note: z.string().nullable(),
  maxUses: z.number().int(),
  useCount: z.number().int(),
  status: inviteCodeStatusSchema,
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type InviteCode = z.infer<typeof inviteCodeSchema>;

export const inviteCodePageSchema = pageOf(inviteCodeSchema);
