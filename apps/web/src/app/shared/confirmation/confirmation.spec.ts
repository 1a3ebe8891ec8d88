import { signal } from '@angular/core';

import { Confirmation } from './confirmation';

describe('Confirmation', () => {
  it('runs the action for the item asked about, announces it and closes', async () => {
    const done: string[] = [];
    const sut = new Confirmation<string>(async (item) => {
      done.push(item);
      return `${item} revoked`;
    });
    sut.ask('key-1');
    expect(sut.target()).toBe('key-1');
    await sut.confirm();
    expect(done).toEqual(['key-1']);
    expect(sut.notice()).toBe('key-1 revoked');
    expect(sut.target()).toBeNull();
    expect(sut.working()).toBe(false);
  });

  it('keeps the dialog open with a readable error when the action fails, and cannot be cancelled mid-way', async () => {
    let release!: () => void;
    const sut = new Confirmation<string>(
      () =>
        new Promise<string>((_, reject) => {
          release = () => reject(new Error('boom'));
        }),
    );
    sut.ask('key-2');
    const running = sut.confirm();
    sut.cancel();
    expect(sut.target()).toBe('key-2');
    release();
    await running;
    expect(sut.target()).toBe('key-2');
    expect(sut.error()).toBeTruthy();
    sut.cancel();
    expect(sut.target()).toBeNull();
  });

  it('does nothing without an item', async () => {
    const act = jest.fn(async () => 'x');
    await new Confirmation<string>(act).confirm();
    expect(act).not.toHaveBeenCalled();
  });

  it('shares the page notice with the other confirmations, so only the latest outcome is said', async () => {
    const notice = signal('');
    const removal = new Confirmation<string>(async (name) => `${name} was removed.`, notice);
    const revocation = new Confirmation<string>(async (email) => `The invitation for ${email} was revoked.`, notice);
    removal.ask('Eli');
    await removal.confirm();
    expect(notice()).toBe('Eli was removed.');
    revocation.ask('tara@acme.example');
    expect(notice()).toBe('');
    await revocation.confirm();
    expect(notice()).toBe('The invitation for tara@acme.example was revoked.');
  });

  it('announces nothing for an action without a sentence', async () => {
    const sut = new Confirmation<string>(async () => undefined);
    sut.ask('connection');
    await sut.confirm();
    expect(sut.notice()).toBe('');
    expect(sut.target()).toBeNull();
  });
});
