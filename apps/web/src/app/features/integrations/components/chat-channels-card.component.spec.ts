import type { HttpTestingController } from '@angular/common/http/testing';
import type { AccountIntegrations } from '@resolutionflow/contracts';

import { mountWithHttp, type Mounted } from '../../../../testing/mounted';
import { ChatChannelsCardComponent } from './chat-channels-card.component';

const URL = '/api/v1/accounts/integrations';
const SETTINGS: AccountIntegrations = {
  slackConfigured: true,
  slackWebhookHost: 'hooks.slack.com',
  teamsConfigured: false,
  teamsWebhookHost: null,
  emailEnabled: true,
};

describe('ChatChannelsCardComponent', () => {
  let mounted: Mounted<ChatChannelsCardComponent>;
  let http: HttpTestingController;
  let card: HTMLElement;

  beforeEach(async () => {
    mounted = await mountWithHttp(ChatChannelsCardComponent);
    ({ http, element: card } = mounted);
    http.expectOne(URL).flush(SETTINGS);
    await stable();
  });

  afterEach(() => mounted.unmount());

  const stable = () => mounted.stable();

  const slack = () => card.querySelector('section[aria-labelledby="channel-slack"]') as HTMLElement;
  const slackInput = () => slack().querySelector('input[type="url"]') as HTMLInputElement;
  const emailBox = () => card.querySelector('input[name="emailEnabled"]') as HTMLInputElement;
  const button = (scope: HTMLElement, text: RegExp) =>
    Array.from(scope.querySelectorAll('button')).find((b) => text.test(b.textContent ?? '')) as HTMLButtonElement;

  async function typeSlackUrl(url: string): Promise<void> {
    slackInput().value = url;
    slackInput().dispatchEvent(new Event('input'));
    await stable();
  }

  async function submitSlack(): Promise<void> {
    (slack().querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await stable();
  }

  it('clears the URL once the API has saved it', async () => {
    await typeSlackUrl('https://hooks.slack.com/services/T/B/new');
    await submitSlack();
    const request = http.expectOne({ method: 'PUT', url: URL });
    expect(request.request.body).toEqual({ slackWebhookUrl: 'https://hooks.slack.com/services/T/B/new' });
    request.flush(SETTINGS);
    await stable();
    expect(slackInput().value).toBe('');
    expect(slack().textContent).toContain('Slack is connected.');
  });

  it('keeps a refused URL and shows why at its field', async () => {
    await typeSlackUrl('http://hooks.slack.com/services/T/B/new');
    await submitSlack();
    http
      .expectOne({ method: 'PUT', url: URL })
      .flush(
        { statusCode: 422, error: 'webhook_url_insecure', message: 'The webhook URL must use https' },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await stable();
    expect(slackInput().value).toBe('http://hooks.slack.com/services/T/B/new');
    expect(slackInput().getAttribute('aria-invalid')).toBe('true');
    expect(slack().querySelector('app-form-field')?.textContent).toContain('The webhook URL must use https');
  });

  it('shows the field problems of a validation answer at the field', async () => {
    await typeSlackUrl('https://hooks.slack.com/services/T/B/new');
    await submitSlack();
    http.expectOne({ method: 'PUT', url: URL }).flush(
      {
        statusCode: 400,
        error: 'validation_failed',
        message: 'Invalid request',
        details: { fields: { slackWebhookUrl: ['must not contain a user name or password'] } },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(slackInput().value).toBe('https://hooks.slack.com/services/T/B/new');
    expect(slack().querySelector('app-form-field')?.textContent).toContain('Must not contain a user name or password.');
  });

  it('keeps the URL when the API cannot be reached, and says so', async () => {
    await typeSlackUrl('https://hooks.slack.com/services/T/B/new');
    await submitSlack();
    http.expectOne({ method: 'PUT', url: URL }).error(new ProgressEvent('error'));
    await stable();
    expect(slackInput().value).toBe('https://hooks.slack.com/services/T/B/new');
    expect(slack().querySelector('app-alert')?.textContent).toBeTruthy();
  });

  it('keeps the URL when saving is skipped because a test is running', async () => {
    button(slack(), /Send a test message/).click();
    await stable();
    await typeSlackUrl('https://hooks.slack.com/services/T/B/new');
    await submitSlack();
    http.expectNone({ method: 'PUT', url: URL });
    expect(slackInput().value).toBe('https://hooks.slack.com/services/T/B/new');
    http.expectOne(`${URL}/test`).flush({ ok: true, message: 'Sent.' });
    await stable();
  });

  it('puts the email box back when saving it fails', async () => {
    emailBox().click();
    expect(emailBox().checked).toBe(false);
    await stable();
    http
      .expectOne({ method: 'PUT', url: URL })
      .flush({ statusCode: 500, error: 'internal_error', message: 'Boom' }, { status: 500, statusText: 'Server Error' });
    await stable();
    expect(emailBox().checked).toBe(true);
  });

  it('keeps the email box as saved once the API takes it', async () => {
    emailBox().click();
    await stable();
    http.expectOne({ method: 'PUT', url: URL }).flush({ ...SETTINGS, emailEnabled: false });
    await stable();
    expect(emailBox().checked).toBe(false);
    expect(card.textContent).toContain('Escalation emails are off.');
  });

  it('cannot toggle the email box while another action runs', async () => {
    button(slack(), /Send a test message/).click();
    await stable();
    expect(emailBox().disabled).toBe(true);
    http.expectOne(`${URL}/test`).flush({ ok: true, message: 'Sent.' });
    await stable();
    expect(emailBox().disabled).toBe(false);
  });
});
