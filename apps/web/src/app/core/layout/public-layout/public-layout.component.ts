import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

import { AuthStore } from '../../auth/auth-store.service';

/** The frame of pages anyone can open: sign-in, sign-up, invites, password reset, pricing. */
@Component({
  selector: 'app-public-layout',
  imports: [RouterLink, RouterOutlet],
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">Skip to main content</a>
    <header class="top-bar">
      <a class="brand" routerLink="/">ResolutionFlow</a>
      <nav aria-label="Main">
        <ul class="nav-list">
          <li><a routerLink="/pricing">Pricing</a></li>
          @if (signedIn()) {
            <li><a routerLink="/">Open ResolutionFlow</a></li>
          } @else {
            <li><a routerLink="/login">Sign in</a></li>
            <li><a routerLink="/signup">Create an account</a></li>
          }
        </ul>
      </nav>
    </header>
    <main class="page" id="main" tabindex="-1" #main>
      <router-outlet />
    </main>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-block-size: 100dvh;
    }
    .skip-link {
      position: absolute;
      inset-block-start: var(--space-2);
      inset-inline-start: var(--space-2);
      padding: var(--space-2) var(--space-4);
      background: var(--color-surface);
      transform: translateY(-200%);
    }
    .skip-link:focus {
      transform: none;
    }
    .top-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--space-2) var(--space-6);
      padding: var(--space-3) var(--space-6);
    }
    .brand {
      font-size: var(--text-lg);
      font-weight: 700;
      color: var(--color-text);
      text-decoration: none;
    }
    .nav-list {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-4);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .page {
      flex: 1;
      inline-size: 100%;
      max-inline-size: var(--content-width);
      margin-inline: auto;
      padding: var(--space-6);
    }
    .page:focus {
      outline: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicLayoutComponent {
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly auth = inject(AuthStore);
  protected readonly signedIn = this.auth.signedIn;

  constructor() {
    // Public pages have no guard asking who is signed in; the header still wants to know.
    void this.auth.ready();
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
