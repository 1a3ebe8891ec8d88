import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { settle } from '../../../testing/fixtures';
import { DialogComponent } from './dialog.component';

@Component({
  imports: [DialogComponent],
  template: `
    <main id="main" tabindex="-1">
      @if (openerShown()) {
        <button id="opener" (click)="open.set(true)">Open</button>
      }
    </main>
    <app-dialog heading="Revoke key?" [open]="open()" (dismissed)="open.set(false)">
      <input id="first" />
      <div dialogActions>
        <button id="cancel" (click)="open.set(false)">Cancel</button>
        <button id="last">Revoke</button>
      </div>
    </app-dialog>
  `,
})
class HostComponent {
  readonly open = signal(false);
  readonly openerShown = signal(true);
}

describe('DialogComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let page: HTMLElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(HostComponent);
    document.body.appendChild(fixture.nativeElement);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => fixture.nativeElement.remove());

  const byId = (id: string) => page.querySelector<HTMLElement>(`#${id}`)!;
  const tab = (shiftKey = false) =>
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true }));

  async function openDialog(): Promise<HTMLDialogElement> {
    byId('opener').focus();
    byId('opener').click();
    await fixture.whenStable();
    await settle();
    return page.querySelector('dialog')!;
  }

  it('is named by its heading and moves focus inside when it opens', async () => {
    const dialog = await openDialog();
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(page.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Revoke key?');
    expect(document.activeElement).toBe(byId('first'));
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    await openDialog();
    byId('last').focus();
    tab();
    expect(document.activeElement).toBe(byId('first'));
    tab(true);
    expect(document.activeElement).toBe(byId('last'));
  });

  it('closes on Escape through its owner and gives focus back to the opener', async () => {
    const dialog = await openDialog();
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await fixture.whenStable();
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(document.activeElement).toBe(byId('opener'));
  });

  it('gives focus to the main region when the opener went away with the dialog', async () => {
    await openDialog();
    fixture.componentInstance.openerShown.set(false);
    fixture.componentInstance.open.set(false);
    await fixture.whenStable();
    expect(document.activeElement).toBe(byId('main'));
  });

  it('moves focus on to the main region when the page removes the opener after the dialog closed', async () => {
    await openDialog();
    fixture.componentInstance.open.set(false);
    await fixture.whenStable();
    expect(document.activeElement).toBe(byId('opener'));

    fixture.componentInstance.openerShown.set(false);
    await fixture.whenStable();
    await settle();
    expect(document.activeElement).toBe(byId('main'));
  });
});
