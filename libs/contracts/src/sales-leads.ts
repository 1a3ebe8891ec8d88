import { z } from 'zod';
import { emailSchema } from './auth.js';
import { teamSizeSchema } from './onboarding.js';

export const SALES_LEAD_SOURCES = ['pricing_page', 'welcome_wizard', 'contact_page', 'billing_page'] as const;
export const salesLeadSourceSchema = z.enum(SALES_LEAD_SOURCES);

export const salesLeadRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: emailSchema,
  company: z.string().trim().min(1).max(200),
  teamSize: teamSizeSchema.optional(),
  message: z.string().trim().max(4000).optional(),
  source: salesLeadSourceSchema,
});
export type SalesLeadRequest = z.input<typeof salesLeadRequestSchema>;

export const salesLeadReceiptSchema = z.object({ id: z.uuid(), receivedAt: z.string() });
export type SalesLeadReceipt = z.infer<typeof salesLeadReceiptSchema>;
