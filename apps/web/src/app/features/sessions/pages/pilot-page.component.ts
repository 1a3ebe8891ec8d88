import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

import { SessionSidebarComponent } from '../components/session-sidebar.component';

/** Sessions: the list on the side, the chosen session (or a new one) beside it. */
@Component({
  selector: 'app-pilot-page',
  imports: [RouterOutlet, SessionSidebarComponent],
  template: `
    <div class="pilot">
      <app-session-sidebar class="side" />
      <div class="main"><router-outlet /></div>
    </div>
  `,
  styles: `
    .pilot {
      display: grid;
      grid-template-columns: minmax(14rem, 18rem) minmax(0, 1fr);
      gap: var(--space-6);
      align-items: start;
    }
    .side {
      position: sticky;
      inset-block-start: var(--space-4);
      max-block-size: calc(100dvh - var(--space-8));
      overflow-y: auto;
    }
    @media (max-width: 56rem) {
      .pilot {
        grid-template-columns: minmax(0, 1fr);
      }
      .side {
        position: static;
        max-block-size: 20rem;
        order: 2;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PilotPageComponent {}
