import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { FixStatus, SuggestedFix } from '@resolutionflow/contracts';

import { settle } from '../../../../testing/fixtures';
import type { BannerMode, FixBanner } from '../fix-banner-mode';
import { FixBannerComponent, type OutcomeChoice } from './fix-banner.component';

function aFix(status: FixStatus, overrides: Partial<SuggestedFix> = {}): SuggestedFix {
  return {
    id: 'f1',
    sessionId: 's1',
    title: 'Restart the spooler',
    description: 'Restart it and print a test page',
    status,
    source: 'assistant',
    pendingReason: null,
    notes: null,
    draftScript: null,
    draftParameters: null,
    appliedAt: null,
    verifiedAt: null,
    createdBy: null,
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z',
    ...overrides,
  };
}

@Component({
  imports: [FixBannerComponent],
  template: `
    <button id="elsewhere" type="button">Elsewhere</button>
    <app-fix-banner [banner]="banner()" [error]="error()" (outcome)="chosen.push($event)" />
  `,
})
class HostComponent {
  readonly banner = signal<FixBanner>({ mode: 'verifying', fix: aFix('verifying') });
  readonly error = signal<string | null>(null);
  readonly chosen: OutcomeChoice[] = [];
}

describe('FixBannerComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let page: HTMLElement;

  async function show(mode: BannerMode, fix: SuggestedFix): Promise<void> {
    fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.banner.set({ mode, fix });
    document.body.appendChild(fixture.nativeElement);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => fixture.nativeElement.remove());

  const button = (name: string) =>
    Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s+/g, ' ').trim().startsWith(name))!;
  const click = async (name: string) => {
    expect(button(name)).toBeDefined();
    button(name).click();
    await fixture.whenStable();
    await settle();
  };
  const heading = () => page.querySelector('.heading')?.textContent?.trim();
  const chosen = () => fixture.componentInstance.chosen;
  const noteField = () => page.querySelector<HTMLTextAreaElement>('app-fix-banner textarea');
  async function type(text: string): Promise<void> {
    noteField()!.value = text;
    noteField()!.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  /** The page shows the fix as the API answered it. */
  async function saved(fix: SuggestedFix, mode: BannerMode): Promise<void> {
    fixture.componentInstance.banner.set({ mode, fix });
    await fixture.whenStable();
  }

  it('asks whether a verifying fix worked, with "Waiting to verify…" in its overflow menu', async () => {
    await show('verifying', aFix('verifying'));
    expect(heading()).toBe('Did “Restart the spooler” work?');
    expect(button('Waiting to verify…')).toBeUndefined();

    await click('More');
    expect(button('More').getAttribute('aria-expanded')).toBe('true');
    await click('Waiting to verify…');
    const field = page.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(page.querySelector(`label[for="${field.id}"]`)?.textContent).toBe('What are you waiting on before you can verify?');
    expect(document.activeElement).toBe(field);

    // An empty reason is not sent; Enter sends a real one.
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await fixture.whenStable();
    expect(chosen()).toEqual([]);
    expect(page.querySelector('.note-error')?.textContent).toContain('Say what you are waiting on');
    field.value = 'the user restarting';
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(chosen()).toEqual([{ outcome: 'applied_pending', reason: 'the user restarting' }]);
  });

  it('records worked and partly-worked verdicts', async () => {
    await show('verifying', aFix('verifying'));
    await click('It worked');
    await click('Partly');
    const field = page.querySelector<HTMLTextAreaElement>('textarea')!;
    field.value = 'Two of three printers are back';
    field.dispatchEvent(new Event('input'));
    await click('Save');
    expect(chosen()).toEqual([{ outcome: 'applied_success' }, { outcome: 'applied_partial', notes: 'Two of three printers are back' }]);
  });

  it('turns the nudge\'s "Still checking" into a pending outcome with a reason', async () => {
    await show('nudge', aFix('verifying'));
    expect(heading()).toBe('Still checking “Restart the spooler”?');
    await click('Still checking');
    const field = page.querySelector<HTMLTextAreaElement>('textarea')!;
    field.value = 'AD replication';
    field.dispatchEvent(new Event('input'));
    await click('Save');
    expect(chosen()).toEqual([{ outcome: 'applied_pending', reason: 'AD replication' }]);
  });

  it('keeps every verdict of a verifying fix in the nudge: partly, waiting to verify and dismiss', async () => {
    await show('nudge', aFix('verifying'));
    expect(page.textContent).toContain('You have carried on since trying it.');
    for (const name of ['It worked', "It didn't", 'Partly', 'Still checking', 'Dismiss']) expect(button(name)).toBeDefined();
    await click('Dismiss');
    await click('Partly');
    await type('Only the first floor');
    await click('Save');
    expect(chosen()).toEqual([{ outcome: 'dismissed' }, { outcome: 'applied_partial', notes: 'Only the first floor' }]);
  });

  it('keeps the note form and its text until the page shows the fix changed, with the error in the form', async () => {
    await show('verifying', aFix('verifying'));
    await click('Partly');
    expect(noteField()!.maxLength).toBe(5000);
    await type('Two of three printers are back');
    await click('Save');
    expect(chosen()).toEqual([{ outcome: 'applied_partial', notes: 'Two of three printers are back' }]);
    expect(noteField()?.value).toBe('Two of three printers are back');

    fixture.componentInstance.error.set('The server could not be reached. Check your connection and try again.');
    await fixture.whenStable();
    const error = page.querySelector('.note-form [role="alert"]');
    expect(error?.textContent).toContain('could not be reached');
    expect(noteField()!.getAttribute('aria-describedby')).toBe(error!.id);
    expect(page.querySelector('.banner-error')).toBeNull();
    expect(noteField()?.value).toBe('Two of three printers are back');

    fixture.componentInstance.error.set(null);
    await click('Save');
    await saved(aFix('applied_partial', { notes: 'Two of three printers are back', updatedAt: '2026-03-10T10:09:00.000Z' }), 'partial');
    expect(noteField()).toBeNull();
    expect(page.textContent).toContain('Notes: Two of three printers are back');
  });

  it('limits a waiting reason to what the API takes', async () => {
    await show('verifying', aFix('verifying'));
    await click('More');
    await click('Waiting to verify…');
    expect(noteField()!.maxLength).toBe(2000);
  });

  it('shows "More" as a disclosure that closes on a click or focus elsewhere', async () => {
    await show('verifying', aFix('verifying'));
    const more = button('More');
    expect(more.hasAttribute('aria-haspopup')).toBe(false);

    await click('More');
    expect(page.querySelector(`#${more.getAttribute('aria-controls')}`)).not.toBeNull();
    page.querySelector<HTMLButtonElement>('#elsewhere')!.click();
    await fixture.whenStable();
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(page.querySelector('.menu-list')).toBeNull();

    await click('More');
    button('Dismiss').focus();
    expect(page.querySelector('.menu-list')).not.toBeNull();
    page.querySelector<HTMLButtonElement>('#elsewhere')!.focus();
    await fixture.whenStable();
    expect(page.querySelector('.menu-list')).toBeNull();
    expect(chosen()).toEqual([]);
  });

  it('shows what a pending fix waits on, lets the reason be updated, and dismisses it', async () => {
    await show('pending', aFix('applied_pending', { pendingReason: 'the user restarting' }));
    expect(heading()).toBe('Waiting to verify “Restart the spooler”');
    expect(page.textContent).toContain('Waiting on: the user restarting');
    await click('Update reason');
    const field = page.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(field.value).toBe('the user restarting');
    field.value = 'the weekly reboot';
    field.dispatchEvent(new Event('input'));
    await click('Save');
    await saved(aFix('applied_pending', { pendingReason: 'the weekly reboot', updatedAt: '2026-03-10T10:09:00.000Z' }), 'pending');
    expect(page.textContent).toContain('Waiting on: the weekly reboot');
    await click('Dismiss');
    expect(chosen()).toEqual([{ outcome: 'applied_pending', reason: 'the weekly reboot' }, { outcome: 'dismissed' }]);
  });

  it('offers a suggestion to try or dismiss', async () => {
    await show('proposed', aFix('proposed'));
    expect(heading()).toBe('Suggested fix: Restart the spooler');
    await click("I'm trying it");
    expect(chosen()).toEqual([{ outcome: 'verifying' }]);
  });
});
