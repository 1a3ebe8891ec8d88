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

import { describeError, toApiError } from '../../../core/api/api-error';
import { loadable } from '../../../core/api/loadable';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
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

/** Refusals that are about the URL itself, so they belong next to its field. */
const URL_REFUSALS: ReadonlySet<string> = new Set(['webhook_url_insecure', 'webhook_url_not_allowed']);

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
    const saved = await this.update(
      `save-${info.channel}`,
      info.channel,
      body,
      `${info.name} is connected. Send a test message to check it.`,
      info.field,
    );
    // A refused URL stays in the input so it can be corrected.
    if (saved) this.setUrl(info.channel, '');
  }

  protected async removeUrl(info: ChannelInfo): Promise<void> {
    await this.update(`remove-${info.channel}`, info.channel, { [info.field]: null }, `${info.name} was disconnected.`);
  }

  protected async setEmail(box: HTMLInputElement): Promise<void> {
    const saved = await this.update(
      'email',
      'email',
      { emailEnabled: box.checked },
      box.checked ? 'Escalation emails are on.' : 'Escalation emails are off.',
    );
    // The box is not bound two-way: put it back to what is stored when the change did not go through.
    if (!saved) box.checked = this.settings.value()?.emailEnabled ?? !box.checked;
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

  /** Saves `body`; true when the API took it, false when it refused or another action was running. */
  private async update(
    busy: string,
    where: ChatChannel | 'email',
    body: UpdateAccountIntegrations,
    done: string,
    field?: ChannelInfo['field'],
  ): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(busy);
    this.say(where, null);
    try {
      const saved = await firstValueFrom(this.integrations.updateChatChannels(body));
      this.settings.update(() => saved);
      this.say(where, { tone: 'success', text: done });
      return true;
    } catch (error) {
      const atField = field && where !== 'email' ? this.fieldError(error, field) : null;
      if (atField) this.errors.update((errors) => ({ ...errors, [where]: atField }));
      else this.say(where, { tone: 'danger', text: describeError(error) });
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  private fieldError(error: unknown, field: ChannelInfo['field']): string | null {
    const fromFields = fieldErrorsFromApi(error)[field];
    if (fromFields) return fromFields;
    return URL_REFUSALS.has(toApiError(error).code) ? describeError(error) : null;
  }

  private say(where: ChatChannel | 'email', outcome: ChannelOutcome | null): void {
    this.outcomes.update((outcomes) => ({ ...outcomes, [where]: outcome ?? undefined }));
  }
}
