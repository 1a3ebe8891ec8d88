import { isInternalHost } from '../../../core/security/internal-address.js';

export interface WebhookUrlPolicy {
  /** Outside production any http(s) address is allowed, so development and tests can use local stand-ins. */
  production: boolean;
  /** Host names webhooks may point at in production; `*.example.com` matches any subdomain of example.com. */
  allowedHosts: readonly string[];
}

export interface WebhookUrlProblem {
  code: 'webhook_url_insecure' | 'webhook_url_not_allowed';
  message: string;
}

function hostAllowed(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return allowedHosts.some((pattern) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern));
}

/**
 * Why the server may not post to a chat webhook URL, or undefined. Checked when the URL is saved
 * and again before each send (the rules or the allowed hosts may have changed since). Where the
 * name resolves to is checked when the connection is made (see `postToWebhook`).
 */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): WebhookUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'webhook_url_not_allowed', message: 'The webhook URL is not a valid URL' };
  }
  if (url.username || url.password) {
    return { code: 'webhook_url_not_allowed', message: 'The webhook URL must not contain a user name or password' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'webhook_url_not_allowed', message: 'The webhook URL must be an http(s) URL' };
  }
  if (!policy.production) return undefined;
  if (url.protocol !== 'https:') return { code: 'webhook_url_insecure', message: 'The webhook URL must use https' };
  if (isInternalHost(url.hostname)) {
    return { code: 'webhook_url_not_allowed', message: 'The webhook URL must be a public address' };
  }
  if (!hostAllowed(url.hostname, policy.allowedHosts)) {
    return {
      code: 'webhook_url_not_allowed',
      message: `The webhook URL must be a Slack or Microsoft Teams webhook address (${policy.allowedHosts.join(', ')})`,
    };
  }
  return undefined;
}
