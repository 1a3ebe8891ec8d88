import { z } from 'zod';

/** The PSA products the product can connect to. */
export const psaProviderSchema = z.enum(['connectwise']);
export type PsaProvider = z.infer<typeof psaProviderSchema>;

const API_PATH_SUFFIX = /\/v4_6_release\/apis\/3\.0$/i;

/**
 * The ConnectWise API address (e.g. `https://api-na.myconnectwise.net`). A pasted full API path is
 * trimmed back to the site; the server additionally requires https in production.
 */
export const psaSiteUrlSchema = z
  .string()
  .trim()
  .max(300)
  // `abort`: the checks below parse the value, so they must not run on one that is no URL.
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL', abort: true }))
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'must not carry credentials, a query or a fragment')
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(API_PATH_SUFFIX, '')}`;
  });

// Both halves form the Basic-auth user name `company+publicKey`, so neither may hold `+`, `:` or spaces.
const loginPart = (label: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\s:+]+$/, `${label} cannot contain spaces, ":" or "+"`);

/** ConnectWise record ids are 32-bit integers. */
const connectWiseIdSchema = z.number().int().positive().max(2_147_483_647);

/**
 * Saves the account's ConnectWise connection (replacing it). `privateKey` may be left out when a
 * connection exists, to keep the stored one: it is never sent back, so a form cannot echo it.
 */
export const upsertPsaConnectionRequestSchema = z.object({
  siteUrl: psaSiteUrlSchema,
  companyId: loginPart('companyId'),
  publicKey: loginPart('publicKey'),
  privateKey: z.string().trim().min(1).max(200).optional(),
  /** The integration's ConnectWise `clientId`. */
  clientId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces'),
  /** Service board for new tickets; ConnectWise uses the API member's default board when null. */
  defaultBoardId: connectWiseIdSchema.nullable().optional(),
  /** Status for new tickets; the board's default status when null. */
  defaultStatusId: connectWiseIdSchema.nullable().optional(),
  /** Company (its ConnectWise identifier, e.g. a catch-all) that new tickets are opened for. */
  defaultCompanyIdentifier: z.string().trim().min(1).max(100).nullable().optional(),
});
export type UpsertPsaConnectionRequest = z.input<typeof upsertPsaConnectionRequestSchema>;

/** The saved connection as it is shown back: the private key never leaves the server. */
export const psaConnectionSchema = z.object({
  provider: psaProviderSchema,
  siteUrl: z.string(),
  companyId: z.string(),
  publicKey: z.string(),
  privateKeySet: z.literal(true),
  clientId: z.string(),
  defaultBoardId: z.number().int().nullable(),
  defaultStatusId: z.number().int().nullable(),
  defaultCompanyIdentifier: z.string().nullable(),
  /** The last connection test; null until one runs (and again after the settings change). */
  lastTestedAt: z.string().nullable(),
  lastTestOk: z.boolean().nullable(),
  lastTestMessage: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PsaConnection = z.infer<typeof psaConnectionSchema>;

/** A failed test is an answer, not an error: `ok: false` with what went wrong. */
export const psaConnectionTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  testedAt: z.string(),
});
export type PsaConnectionTestResult = z.infer<typeof psaConnectionTestResultSchema>;

/** A ConnectWise ticket number. */
export const psaTicketIdSchema = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a ticket number')
  .refine((value) => Number(value) <= 2_147_483_647, 'must be a ticket number');
export const psaTicketIdParamsSchema = z.object({ ticketId: psaTicketIdSchema });

export const psaTicketSchema = z.object({
  id: z.string(),
  summary: z.string(),
  status: z.string(),
  board: z.string().nullable(),
  company: z.string().nullable(),
});
export type PsaTicket = z.infer<typeof psaTicketSchema>;

/** Tickets whose summary contains `search` (or whose number it is), newest first; without `search`, the newest. */
export const psaTicketSearchQuerySchema = z.object({
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type PsaTicketSearchQuery = z.infer<typeof psaTicketSearchQuerySchema>;

export const psaTicketListSchema = z.object({ items: z.array(psaTicketSchema) });
export type PsaTicketList = z.infer<typeof psaTicketListSchema>;
