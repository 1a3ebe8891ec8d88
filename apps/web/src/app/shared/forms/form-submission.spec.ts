import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { settle } from '../../../testing/fixtures';
import { ApiError } from '../../core/api/api-error';
import { Validation } from './field-errors';
import { formSubmission } from './form-submission';

@Component({
  template: `
    <input id="seats" [attr.aria-invalid]="sut.errors()['seats'] ? 'true' : null" />
    <input id="price" [attr.aria-invalid]="sut.errors()['price'] ? 'true' : null" />
  `,
})
class HostComponent {
  readonly sut = formSubmission((path) => (path === 'priceCents' ? 'price' : path.replace(/^limits\./, '')));
}

const valid: Validation<{ seats: number }> = { ok: true, data: { seats: 5 } };
const refusal = new ApiError(400, 'validation_failed', 'The request body is invalid', {
  fields: { 'limits.seats': ['must be at least 1'] },
});

describe('FormSubmission', () => {
  let fixture: ComponentFixture<HostComponent>;
  let sut: HostComponent['sut'];

  beforeEach(async () => {
    fixture = TestBed.createComponent(HostComponent);
    document.body.appendChild(fixture.nativeElement);
    sut = fixture.componentInstance.sut;
    await fixture.whenStable();
  });

  afterEach(() => fixture.nativeElement.remove());

  it('sends the checked value, one send at a time', async () => {
    let release!: () => void;
    const sent: unknown[] = [];
    const send = (data: unknown) => {
      sent.push(data);
      return new Promise<void>((resolve) => (release = resolve));
    };
    const first = sut.submit(valid, send);
    expect(sut.busy()).toBe(true);
    await sut.submit(valid, send);
    release();
    await first;
    expect(sent).toEqual([{ seats: 5 }]);
    expect(sut.busy()).toBe(false);
    expect(sut.error()).toBeNull();
  });

  it('marks the fields of a failed check under their form names and focuses the first, without sending', async () => {
    const send = jest.fn(async () => undefined);
    await sut.submit({ ok: false, errors: { priceCents: 'Must be at least 0.', 'limits.seats': 'This field is required.' } }, send);
    expect(send).not.toHaveBeenCalled();
    expect(sut.errors()).toEqual({ price: 'Must be at least 0.', seats: 'This field is required.' });
    await fixture.whenStable();
    await settle();
    expect(document.activeElement?.id).toBe('seats');
  });

  it("shows what the API refused, per field and as a sentence, and keeps the refusal's code", async () => {
    await sut.submit(valid, async () => {
      throw refusal;
    });
    expect(sut.errors()).toEqual({ seats: 'Must be at least 1.' });
    expect(sut.error()).toBe('Some fields need attention. Check the highlighted values and try again.');
    expect(sut.errorCode()).toBe('validation_failed');
    expect(sut.busy()).toBe(false);
  });

  it('forgets the last refusal on the next submit and on reset', async () => {
    await sut.submit(valid, async () => {
      throw refusal;
    });
    await sut.submit(valid, async () => undefined);
    expect(sut.error()).toBeNull();
    expect(sut.errors()).toEqual({});

    await sut.submit(valid, async () => {
      throw refusal;
    });
    sut.reset();
    expect(sut.errorCode()).toBeNull();
    expect(sut.errors()).toEqual({});
  });
});
