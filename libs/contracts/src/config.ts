import { z } from 'zod';

export const oauthProviderSchema = z.enum(['google', 'microsoft']);
export type OAuthProvider = z.infer<typeof oauthProviderSchema>;

export const publicConfigSchema = z.object({
  selfServeEnabled: z.boolean(),
  requireInviteCode: z.boolean(),
  oauthProviders: z.array(oauthProviderSchema),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
