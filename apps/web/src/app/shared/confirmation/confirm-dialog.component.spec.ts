import { Component, input } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { settle } from '../../../testing/fixtures';
import { ApiError } from '../../core/api/api-error';
import { ConfirmDialogComponent } from './confirm-dialog.component';
import { Confirmation } from './confirmation';

@Component({
  imports: [ConfirmDialogComponent],
  template: `
    <button id="opener" (click)="revocation.ask('PSA sync')">Revoke</button>
    <app-confirm-dialog
      [confirmation]="revocation"
      [heading]="'Revoke ' + (revocation.target() ?? '') + '?'"
      confirmLabel="Revoke key"
      [destructive]="destructive()"
    >
      <p id="stakes">Anything using this key stops working at once.</p>
    </app-confirm-dialog>
  `,
})
class HostComponent {
  readonly destructive = input(true);
  readonly done: string[] = [];
  fail = false;
  readonly revocation = new Confirmation<string>(async (name) => {
    if (this.fail) throw new ApiError(403, 'forbidden', 'x');
    this.done.push(name);
    return `${name} was revoked.`;
  });
}

describe('ConfirmDialogComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let page: HTMLElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(HostComponent);
    page = fixture.nativeElement as HTMLElement;
    document.body.appendChild(page);
    await fixture.whenStable();
  });

  afterEach(() => page.remove());

  const dialog = () => page.querySelector('dialog')!;
  const button = (text: string) => Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;

  async function open(): Promise<void> {
    page.querySelector<HTMLButtonElement>('#opener')!.focus();
    page.querySelector<HTMLButtonElement>('#opener')!.click();
    await fixture.whenStable();
    await settle();
  }

  it('stays closed until the confirmation asks about an item', () => {
    expect(dialog().hasAttribute('open')).toBe(false);
  });

  it('opens named by its heading, with what is at stake, and focus on Cancel', async () => {
    await open();
    expect(dialog().hasAttribute('open')).toBe(true);
    expect(page.querySelector(`#${dialog().getAttribute('aria-labelledby')}`)?.textContent).toBe('Revoke PSA sync?');
    expect(dialog().querySelector('#stakes')).not.toBeNull();
    expect(document.activeElement).toBe(button('Cancel'));
    expect(button('Revoke key').classList).toContain('btn--danger');
  });

  it('carries the action out, closes and gives focus back', async () => {
    await open();
    button('Revoke key').click();
    await settle();
    await fixture.whenStable();
    expect(fixture.componentInstance.done).toEqual(['PSA sync']);
    expect(fixture.componentInstance.revocation.notice()).toBe('PSA sync was revoked.');
    expect(dialog().hasAttribute('open')).toBe(false);
    expect(document.activeElement?.id).toBe('opener');
  });

  it('stays open with the reason when the action fails, and Cancel closes it', async () => {
    fixture.componentInstance.fail = true;
    await open();
    button('Revoke key').click();
    await settle();
    await fixture.whenStable();
    expect(dialog().hasAttribute('open')).toBe(true);
    expect(dialog().querySelector('[role="alert"]')?.textContent?.trim()).toBe('You do not have permission to do that.');
    button('Cancel').click();
    await fixture.whenStable();
    expect(dialog().hasAttribute('open')).toBe(false);
  });

  it('uses the primary button for a change that destroys nothing', async () => {
    fixture.componentRef.setInput('destructive', false);
    await open();
    expect(button('Revoke key').classList).toContain('btn--primary');
  });
});
