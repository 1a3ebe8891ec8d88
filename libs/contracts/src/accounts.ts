import { z } from 'zod';
import { emailSchema, grantableRoleSchema, roleSchema } from './auth.js';
import { pageOf } from './pagination.js';

/** Path parameters naming one resource by its UUID. */
export const idParamsSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }) });
export const userIdParamsSchema = z.object({ userId: z.uuid({ message: 'must be a UUID' }) });

// Account invites

export const createInviteRequestSchema = z.object({
  email: emailSchema,
  role: grantableRoleSchema,
});
export type CreateInviteRequest = z.input<typeof createInviteRequestSchema>;

/**
 * `pending` can still be accepted; `expired` passed its date before anyone revoked or used it
 * (resending renews it); `accepted` and `revoked` are final.
 */
export const inviteStatusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export type InviteStatus = z.infer<typeof inviteStatusSchema>;

export const accountInviteSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: grantableRoleSchema,
  status: inviteStatusSchema,
  invitedBy: z.uuid().nullable(),
  expiresAt: z.string(),
  lastSentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountInvite = z.infer<typeof accountInviteSchema>;

/** What creating or resending answers: the invite plus the link that was emailed (the code is its `code` parameter). */
export const issuedInviteSchema = accountInviteSchema.extend({ inviteUrl: z.url() });
export type IssuedInvite = z.infer<typeof issuedInviteSchema>;

export const accountInvitePageSchema = pageOf(accountInviteSchema);

/** What an invitee sees before signing up; the same for every kind of dead code. */
export const inviteLookupSchema = z.object({
  accountName: z.string(),
  /** Null when the person who sent the invite is no longer a user. */
  inviterName: z.string().nullable(),
  invitedEmail: z.string(),
  role: grantableRoleSchema,
});
export type InviteLookup = z.infer<typeof inviteLookupSchema>;

// Members

export const memberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  emailVerified: z.boolean(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberPageSchema = pageOf(memberSchema);

export const updateMemberRoleRequestSchema = z.object({ role: roleSchema });
export type UpdateMemberRoleRequest = z.input<typeof updateMemberRoleRequestSchema>;

// API keys

export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  role: grantableRoleSchema,
});
export type CreateApiKeyRequest = z.input<typeof createApiKeyRequestSchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: grantableRoleSchema,
  /** The first characters of the key, so people can tell keys apart; never enough to use it. */
  prefix: z.string(),
  createdBy: z.uuid().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** Answered once, at creation: `secret` is the whole key and is never shown again. */
export const createdApiKeySchema = apiKeySchema.extend({ secret: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyPageSchema = pageOf(apiKeySchema);
