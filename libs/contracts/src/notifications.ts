import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

/** Payload of the `notification_created` live event. */
export type NotificationCreatedEvent = Notification;

export const notificationPreferencesSchema = z.object({ emailNotifications: z.boolean() });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const CHAT_CHANNELS = ['slack', 'teams'] as const;
export const chatChannelSchema = z.enum(CHAT_CHANNELS);
export type ChatChannel = z.infer<typeof chatChannelSchema>;

// Which hosts are allowed depends on the server's environment, so the API checks that; credentials never belong in one.
const webhookUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2048)
  .refine((url) => !/^https?:\/\/[^/?#]*@/i.test(url), 'must not contain a user name or password');

export const accountIntegrationsSchema = z.object({
  slackConfigured: z.boolean(),
  /** Only the host is ever shown back: the full URL is a secret. */
  slackWebhookHost: z.string().nullable(),
  teamsConfigured: z.boolean(),
  teamsWebhookHost: z.string().nullable(),
  emailEnabled: z.boolean(),
});
export type AccountIntegrations = z.infer<typeof accountIntegrationsSchema>;

export const updateAccountIntegrationsSchema = z.object({
  /** A URL sets it, `null` removes it, absent leaves it. */
  slackWebhookUrl: webhookUrlSchema.nullable().optional(),
  teamsWebhookUrl: webhookUrlSchema.nullable().optional(),
  emailEnabled: z.boolean().optional(),
});
export type UpdateAccountIntegrations = z.input<typeof updateAccountIntegrationsSchema>;

export const testIntegrationRequestSchema = z.object({ channel: chatChannelSchema });
export const integrationTestResultSchema = z.object({ ok: z.boolean(), message: z.string() });
export type IntegrationTestResult = z.infer<typeof integrationTestResultSchema>;
