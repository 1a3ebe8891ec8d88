import { ChangeDetectionStrategy, Component } from '@angular/core';

import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { ChatChannelsCardComponent } from '../components/chat-channels-card.component';
import { PsaConnectionCardComponent } from '../components/psa-connection-card.component';

@Component({
  selector: 'app-integrations-page',
  imports: [ChatChannelsCardComponent, PageHeaderComponent, PsaConnectionCardComponent],
  template: `
    <app-page-header heading="Integrations" description="Connect the tools your team already works in." />
    <div class="stack-lg">
      <app-psa-connection-card />
      <app-chat-channels-card />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IntegrationsPageComponent {}
