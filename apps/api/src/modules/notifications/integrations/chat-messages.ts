import type { ChatChannel } from '@resolutionflow/contracts';

/** What a chat message says; each channel renders it in its own incoming-webhook format. */
export interface ChatMessage {
  title: string;
  lines: string[];
  /** An absolute link to act on it. */
  action?: { label: string; url: string };
}

/** Slack incoming webhook: `text` as the notification fallback, blocks for the message itself. */
export function slackPayload(message: ChatMessage): Record<string, unknown> {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escape(message.title)}*` } },
  ];
  if (message.lines.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: message.lines.map(escape).join('\n') } });
  if (message.action) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: message.action.label }, url: message.action.url }],
    });
  }
  return { text: message.title, blocks };
}

/** Teams incoming webhook (Workflows): one Adaptive Card attachment. */
export function teamsPayload(message: ChatMessage): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.title, weight: 'Bolder', wrap: true },
            ...message.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
          ],
          actions: message.action ? [{ type: 'Action.OpenUrl', title: message.action.label, url: message.action.url }] : [],
        },
      },
    ],
  };
}

export function payloadFor(channel: ChatChannel, message: ChatMessage): Record<string, unknown> {
  return channel === 'slack' ? slackPayload(message) : teamsPayload(message);
}
