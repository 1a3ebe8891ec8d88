import { z } from 'zod';
import { accountNameSchema, emailSchema, grantableRoleSchema } from './auth.js';

export const TEAM_SIZES = ['1-2', '3-5', '6-10', '11-25', '26+'] as const;
export const ONBOARDING_ROLES = ['owner', 'lead_tech', 'tech', 'other'] as const;
export const teamSizeSchema = z.enum(TEAM_SIZES);
export const onboardingRoleSchema = z.enum(ONBOARDING_ROLES);
export type TeamSize = z.infer<typeof teamSizeSchema>;
export type OnboardingRole = z.infer<typeof onboardingRoleSchema>;

/** Step 1 "Your shop". */
export const shopStepDataSchema = z.object({
  companyName: accountNameSchema,
  teamSize: teamSizeSchema,
  role: onboardingRoleSchema,
});
export type ShopStepData = z.infer<typeof shopStepDataSchema>;

/** Step 2 "Invite your team": each address becomes an account invite. */
export const inviteStepDataSchema = z.object({
  invites: z.array(z.object({ email: emailSchema, role: grantableRoleSchema.default('engineer') })).max(25),
});
export type InviteStepData = z.input<typeof inviteStepDataSchema>;

/** Step 3 "Connect your tools": which integrations the team means to set up. */
export const toolsStepDataSchema = z.object({
  psa: z.enum(['connectwise', 'none', 'other']).optional(),
  chat: z.array(z.enum(['slack', 'teams'])).max(2).default([]),
});
export type ToolsStepData = z.input<typeof toolsStepDataSchema>;

export const onboardingStepRequestSchema = z.object({
  step: z.number().int().min(1).max(3),
  action: z.enum(['complete', 'skip']),
  /** Validated per step on `complete`; ignored on `skip`. */
  data: z.unknown().optional(),
});
export type OnboardingStepRequest = z.input<typeof onboardingStepRequestSchema>;

export const onboardingStateSchema = z.object({
  onboardingStepCompleted: z.number().int().nullable(),
  onboardingDismissed: z.boolean(),
});
export type OnboardingState = z.infer<typeof onboardingStateSchema>;

/** What became of one address of step 2: invited, or why not (the step itself still completes). */
export const onboardingInviteResultSchema = z.object({
  email: z.string(),
  role: grantableRoleSchema,
  status: z.enum(['invited', 'failed']),
  inviteId: z.uuid().optional(),
  /** Stable code when `failed`: `email_already_registered`, `invite_already_pending`, `seat_limit_reached`, `forbidden`, `email_verification_required`. */
  error: z.string().optional(),
  message: z.string().optional(),
});
export type OnboardingInviteResult = z.infer<typeof onboardingInviteResultSchema>;

export const onboardingStepResultSchema = onboardingStateSchema.extend({
  /**
   * Whether this call saved the step's account-wide answers (company name and team size, invites,
   * tool choices). False on `skip`, on a repeated step, and for members who are not owner or admin,
   * whose completion records only their own progress (and, on step 1, their role).
   */
  appliedToAccount: z.boolean(),
  /** Step 2 only, when it was completed by this call: one entry per distinct address. */
  invites: z.array(onboardingInviteResultSchema).optional(),
});
export type OnboardingStepResult = z.infer<typeof onboardingStepResultSchema>;
