import { z } from 'zod';
import { subscriptionStatusSchema } from './auth.js';

export const planKeySchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _');

/** What a plan allows. `null` means unlimited. */
export const planLimitsSchema = z.object({
  // Stored as PostgreSQL integers: a larger number is refused here, not by the database.
  seats: z.number().int().min(1).max(2_147_483_647).nullable(),
  monthlySessions: z.number().int().min(0).max(2_147_483_647).nullable(),
  standaloneScriptSessions: z.number().int().min(0).max(2_147_483_647).nullable(),
  proFeatures: z.boolean(),
});
export type PlanLimits = z.infer<typeof planLimitsSchema>;

export const billingIntervalSchema = z.enum(['month', 'year']);
export type BillingInterval = z.infer<typeof billingIntervalSchema>;

/** A plan as the pricing page shows it. Prices are integer cents. */
export const publicPlanSchema = z.object({
  plan: z.string(),
  displayName: z.string(),
  priceCents: z.number().int().min(0),
  currency: z.string(),
  interval: billingIntervalSchema,
  limits: planLimitsSchema,
});
export type PublicPlan = z.infer<typeof publicPlanSchema>;
export const publicPlansSchema = z.object({ items: z.array(publicPlanSchema) });

export const subscriptionSchema = z.object({
  plan: z.string(),
  status: subscriptionStatusSchema,
  trialEndsAt: z.string().nullable(),
  currentPeriodEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  /** Whether Pro features are open right now (active, or trialing before the trial ends, or past due in grace). */
  active: z.boolean(),
  hasStripeCustomer: z.boolean(),
  limits: planLimitsSchema,
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const checkoutSessionRequestSchema = z.object({ plan: planKeySchema });
export type CheckoutSessionRequest = z.input<typeof checkoutSessionRequestSchema>;
export const redirectUrlSchema = z.object({ url: z.url() });
export type RedirectUrl = z.infer<typeof redirectUrlSchema>;

/** Super-admin view: limits merged with billing data; billing fields are null when the plan has none. */
export const adminPlanSchema = z.object({
  plan: z.string(),
  limits: planLimitsSchema,
  displayName: z.string().nullable(),
  stripeProductId: z.string().nullable(),
  stripePriceId: z.string().nullable(),
  priceCents: z.number().int().nullable(),
  currency: z.string().nullable(),
  interval: billingIntervalSchema.nullable(),
  public: z.boolean().nullable(),
  archived: z.boolean().nullable(),
});
export type AdminPlan = z.infer<typeof adminPlanSchema>;
export const adminPlansSchema = z.object({ items: z.array(adminPlanSchema) });

export const updateAdminPlanRequestSchema = z.object({
  limits: planLimitsSchema,
  displayName: z.string().trim().min(1).max(80).optional(),
  stripeProductId: z.string().trim().min(1).max(255).nullable().optional(),
  stripePriceId: z.string().trim().min(1).max(255).nullable().optional(),
  priceCents: z.number().int().min(0).max(10_000_000).optional(),
  currency: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, 'must be a three-letter ISO 4217 code')
    .optional(),
  interval: billingIntervalSchema.optional(),
  public: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type UpdateAdminPlanRequest = z.input<typeof updateAdminPlanRequestSchema>;
export const adminPlanParamsSchema = z.object({ plan: planKeySchema });

/** What the webhook answers Stripe once an event is stored (applied now or before). */
export const webhookReceiptSchema = z.object({ received: z.literal(true) });
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;

/** 402 `subscription_required` details. */
export const subscriptionRequiredDetailsSchema = z.object({
  plan: z.string(),
  status: subscriptionStatusSchema,
  trialEndsAt: z.string().nullable(),
});
export type SubscriptionRequiredDetails = z.infer<typeof subscriptionRequiredDetailsSchema>;
