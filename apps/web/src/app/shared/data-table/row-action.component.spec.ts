import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { RowActionComponent } from './row-action.component';

@Component({
  imports: [RowActionComponent],
  template: `<app-row-action label="Revoke" context="the invitation for tara@acme.example" [busy]="busy()" (click)="clicks = clicks + 1" />`,
})
class HostComponent {
  readonly busy = signal(false);
  clicks = 0;
}

describe('RowActionComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let button: HTMLButtonElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    button = (fixture.nativeElement as HTMLElement).querySelector('button')!;
  });

  it('is a small button named after the row it acts on', () => {
    expect(button.type).toBe('button');
    expect(button.textContent?.trim()).toBe('Revoke the invitation for tara@acme.example');
    expect(button.querySelector('.visually-hidden')?.textContent).toBe(' the invitation for tara@acme.example');
    expect(button.classList).toContain('btn--small');
  });

  it('passes clicks on, except while busy', async () => {
    button.click();
    expect(fixture.componentInstance.clicks).toBe(1);
    fixture.componentInstance.busy.set(true);
    await fixture.whenStable();
    button.click();
    expect(fixture.componentInstance.clicks).toBe(1);
    expect(button.getAttribute('aria-busy')).toBe('true');
  });
});
