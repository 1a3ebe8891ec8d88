import { webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url-policy.js';

const production: WebhookUrlPolicy = {
  production: true,
  allowedHosts: ['hooks.slack.com', '*.webhook.office.com', '*.logic.azure.com', '*.powerplatform.com'],
};
const development: WebhookUrlPolicy = { ...production, production: false };

describe('webhookUrlProblem', () => {
  it('allows local http stand-ins outside production', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4010/hooks/x', development)).toBeUndefined();
  });

  it('never allows credentials in the URL', () => {
    expect(webhookUrlProblem('http://user:secret@127.0.0.1:4010/x', development)?.code).toBe('webhook_url_not_allowed');
    expect(webhookUrlProblem('https://token@hooks.slack.com/services/T/B/x', production)?.code).toBe('webhook_url_not_allowed');
  });

  it.each([
    'https://hooks.slack.com/services/T000/B000/XXXX',
    'https://contoso.webhook.office.com/webhookb2/abc',
    'https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x',
    'https://default1234.56.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/abc',
  ])('allows the provider webhook %s in production', (url) => {
    expect(webhookUrlProblem(url, production)).toBeUndefined();
  });

  it('requires https in production', () => {
    expect(webhookUrlProblem('http://hooks.slack.com/services/T/B/x', production)?.code).toBe('webhook_url_insecure');
  });

  it.each(['https://127.0.0.1/x', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x', 'https://localhost/x', 'https://2130706433/x'])(
    'refuses the internal address %s in production',
    (url) => {
      expect(webhookUrlProblem(url, production)).toEqual({ code: 'webhook_url_not_allowed', message: 'The webhook URL must be a public address' });
    },
  );

  it('refuses other hosts, and look-alikes of the allowed ones, in production', () => {
    for (const url of ['https://example.com/hook', 'https://hooks.slack.com.evil.example/x', 'https://evilwebhook.office.com/x', 'https://logic.azure.com/x']) {
      expect(webhookUrlProblem(url, production)?.code).toBe('webhook_url_not_allowed');
    }
    expect(webhookUrlProblem('https://chat-proxy.example.com/x', { ...production, allowedHosts: ['chat-proxy.example.com'] })).toBeUndefined();
  });
});
