import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { EnterSubmitsDirective } from './enter-submits.directive';

@Component({
  imports: [EnterSubmitsDirective],
  template: `<textarea appEnterSubmits (submitted)="sent = sent + 1"></textarea>`,
})
class HostComponent {
  sent = 0;
}

describe('EnterSubmitsDirective', () => {
  function press(init: KeyboardEventInit): { sent: number; defaultPrevented: boolean } {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    fixture.nativeElement.querySelector('textarea').dispatchEvent(event);
    return { sent: fixture.componentInstance.sent, defaultPrevented: event.defaultPrevented };
  }

  it('sends on Enter instead of adding a line', () => {
    expect(press({ key: 'Enter' })).toEqual({ sent: 1, defaultPrevented: true });
  });

  it.each([
    ['Shift+Enter (a new line)', { key: 'Enter', shiftKey: true }],
    ['Enter while an input method is composing', { key: 'Enter', isComposing: true }],
    ['Ctrl+Enter', { key: 'Enter', ctrlKey: true }],
    ['another key', { key: 'a' }],
  ])('leaves %s to the textarea', (_name, init) => {
    expect(press(init)).toEqual({ sent: 0, defaultPrevented: false });
  });
});
