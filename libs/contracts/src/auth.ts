import { z } from 'zod';

export const ROLES = ['owner', 'admin', 'engineer', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles an invite or API key may grant: ownership is never handed out that way. */
export const grantableRoleSchema = z.enum(['admin', 'engineer', 'viewer']);
export type GrantableRole = z.infer<typeof grantableRoleSchema>;

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((v) => v.toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

export const personNameSchema = z.string().trim().min(1, 'is required').max(120);
export const accountNameSchema = z.string().trim().min(1, 'is required').max(200);
const codeSchema = z.string().trim().min(6).max(128);

export const registerRequestSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: personNameSchema,
  accountName: accountNameSchema.optional(),
  inviteCode: codeSchema.optional(),
  accountInviteCode: codeSchema.optional(),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const refreshRequestSchema = z
  .object({ refreshToken: z.string().min(20).max(512).optional() })
  .optional()
  .default({});
export type RefreshRequest = z.input<typeof refreshRequestSchema>;

export const verifyEmailRequestSchema = z.object({ token: z.string().min(20).max(512) });
export const passwordResetRequestSchema = z.object({ email: emailSchema });
export const passwordResetConfirmSchema = z.object({ token: z.string().min(20).max(512), password: passwordSchema });
export const oauthExchangeRequestSchema = z.object({ code: z.string().min(20).max(512) });

export const subscriptionStatusSchema = z.enum(['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'none']);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

export const subscriptionSummarySchema = z.object({
  plan: z.string(),
  status: subscriptionStatusSchema,
  trialEndsAt: z.string().nullable(),
});
export type SubscriptionSummary = z.infer<typeof subscriptionSummarySchema>;

export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  superAdmin: z.boolean(),
  emailVerified: z.boolean(),
  /** When an unverified user starts getting 403 `email_verification_required`; null once verified. */
  emailVerificationDeadline: z.string().nullable(),
  account: z.object({ id: z.uuid(), name: z.string() }),
  subscription: subscriptionSummarySchema,
  onboardingStepCompleted: z.number().int().nullable(),
  onboardingDismissed: z.boolean(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const authResponseSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  /** Returned for clients that cannot hold the httpOnly cookie (scripts, native apps). */
  refreshToken: z.string(),
  user: meSchema,
});
export type AuthResponse = z.infer<typeof authResponseSchema>;
