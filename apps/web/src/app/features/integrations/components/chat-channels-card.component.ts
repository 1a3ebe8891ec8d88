import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  updateAccountIntegrationsSchema,
  type AccountIntegrations,
  type ChatChannel,
  type IntegrationTestResult,
  type UpdateAccountIntegrations,
} from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { loadable } from '../../../core/api/loadable';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { validateWith } from '../../../shared/forms/field-errors';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { IntegrationsApi } from '../integrations-api.service';

interface ChannelInfo {
  readonly channel: ChatChannel;
  readonly name: string;
  readonly hint: string;
  readonly field: 'slackWebhookUrl' | 'teamsWebhookUrl';
}

const CHANNELS: readonly ChannelInfo[] = [
  {
    channel: 'slack',
    name: 'Slack',
    hint: 'An incoming webhook URL from your Slack app (https://hooks.slack.com/services/…).',
    field: 'slackWebhookUrl',
  },
  {
    channel: 'teams',
    name: 'Microsoft Teams',
    hint: 'The URL of a Teams workflow that posts to a channel when it receives a request.',
    field: 'teamsWebhookUrl',
  },
];

type ChannelOutcome = { readonly tone: 'success' | 'danger'; readonly text: string };

/** Where escalations are announced besides the app: Slack, Teams, and email to the team. */
@Component({
  selector: 'app-chat-channels-card',
  imports: [AlertComponent, ButtonComponent, CardComponent, ControlDirective, FormFieldComponent, FormsModule, LoadStatusComponent, StatusPillComponent],
  templateUrl: './chat-channels-card.component.html',
  styleUrl: './integration-cards.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatChannelsCardComponent {
  private readonly integrations = inject(IntegrationsApi);

  protected readonly channels = CHANNELS;
  protected readonly settings = loadable(() => this.integrations.chatChannels());
  protected readonly urls = signal<Record<ChatChannel, string>>({ slack: '', teams: '' });
  protected readonly errors = signal<Partial<Record<ChatChannel, string>>>({});
  protected readonly busy = signal<string | null>(null);
  protected readonly outcomes = signal<Partial<Record<ChatChannel | 'email', ChannelOutcome>>>({});

  protected configured(settings: AccountIntegrations, channel: ChatChannel): boolean {
    return channel === 'slack' ? settings.slackConfigured : settings.teamsConfigured;
  }

  protected host(settings: AccountIntegrations, channel: ChatChannel): string | null {
    return channel === 'slack' ? settings.slackWebhookHost : settings.teamsWebhookHost;
  }

  protected setUrl(channel: ChatChannel, value: string): void {
    this.urls.update((urls) => ({ ...urls, [channel]: value }));
  }

  protected async saveUrl(info: ChannelInfo): Promise<void> {
    const url = this.urls()[info.channel].trim();
    const body = { [info.field]: url } as UpdateAccountIntegrations;
    const problem = url
      ? (() => {
          const checked = validateWith(updateAccountIntegrationsSchema, body);
          return checked.ok ? null : (checked.errors[info.field] ?? 'This URL is not valid.');
        })()
      : 'Paste the webhook URL first.';
    if (problem) {
      this.errors.update((errors) => ({ ...errors, [info.channel]: problem }));
      return;
    }
    this.errors.update((errors) => ({ ...errors, [info.channel]: '' }));
    await this.update(`save-${info.channel}`, info.channel, body, `${info.name} is connected. Send a test message to check it.`);
    this.setUrl(info.channel, '');
  }

  protected removeUrl(info: ChannelInfo): Promise<void> {
    return this.update(`remove-${info.channel}`, info.channel, { [info.field]: null }, `${info.name} was disconnected.`);
  }

  protected setEmail(enabled: boolean): Promise<void> {
    return this.update(
      'email',
      'email',
      { emailEnabled: enabled },
      enabled ? 'Escalation emails are on.' : 'Escalation emails are off.',
    );
  }

  protected async test(info: ChannelInfo): Promise<void> {
    if (this.busy()) return;
    this.busy.set(`test-${info.channel}`);
    this.say(info.channel, null);
    try {
      const result: IntegrationTestResult = await firstValueFrom(this.integrations.testChatChannel(info.channel));
      this.say(info.channel, { tone: result.ok ? 'success' : 'danger', text: result.message });
    } catch (error) {
      this.say(info.channel, { tone: 'danger', text: describeError(error) });
    } finally {
      this.busy.set(null);
    }
  }

  private async update(busy: string, where: ChatChannel | 'email', body: UpdateAccountIntegrations, done: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(busy);
    this.say(where, null);
    try {
      const saved = await firstValueFrom(this.integrations.updateChatChannels(body));
      this.settings.update(() => saved);
      this.say(where, { tone: 'success', text: done });
    } catch (error) {
      this.say(where, { tone: 'danger', text: describeError(error) });
    } finally {
      this.busy.set(null);
    }
  }

  private say(where: ChatChannel | 'email', outcome: ChannelOutcome | null): void {
    this.outcomes.update((outcomes) => ({ ...outcomes, [where]: outcome ?? undefined }));
  }
}
