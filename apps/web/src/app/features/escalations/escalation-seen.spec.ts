import { TestBed } from '@angular/core/testing';

import { CappedIdSet, type KeyValueStorage } from '../../shared/storage/capped-id-set';
import { ESCALATION_SEEN_CAP, ESCALATION_SEEN_KEY, EscalationSeenStore, escalationKey } from './escalation-seen.store';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

describe('the seen set of queue cards', () => {
  it('keeps at most its cap, evicting the id added longest ago', () => {
    const storage = memoryStorage();
    const seen = new CappedIdSet(storage, ESCALATION_SEEN_KEY, 3);
    for (const id of ['a', 'b', 'c', 'd']) seen.add(id);
    expect(seen.values()).toEqual(['b', 'c', 'd']);
    expect(seen.has('a')).toBe(false);
    expect(JSON.parse(storage.data[ESCALATION_SEEN_KEY]!)).toEqual(['b', 'c', 'd']);
  });

  it('treats seeing an id again as the newest, so it is evicted last', () => {
    const seen = new CappedIdSet(memoryStorage(), ESCALATION_SEEN_KEY, 3);
    for (const id of ['a', 'b', 'c', 'a', 'd']) seen.add(id);
    expect(seen.values()).toEqual(['c', 'a', 'd']);
  });

  it('is capped at 200 in the app, and survives a reload from storage', () => {
    expect(ESCALATION_SEEN_CAP).toBe(200);
    const storage = memoryStorage();
    const seen = new CappedIdSet(storage, ESCALATION_SEEN_KEY, ESCALATION_SEEN_CAP);
    for (let i = 0; i < 205; i++) seen.add(`h${i}`);
    const reread = new CappedIdSet(storage, ESCALATION_SEEN_KEY, ESCALATION_SEEN_CAP);
    expect(reread.size).toBe(200);
    expect(reread.has('h4')).toBe(false);
    expect(reread.has('h5')).toBe(true);
    expect(reread.values().at(-1)).toBe('h204');
  });

  it('starts empty from missing or damaged storage, and works without storage at all', () => {
    expect(new CappedIdSet(memoryStorage({ [ESCALATION_SEEN_KEY]: '{not json' }), ESCALATION_SEEN_KEY, 5).size).toBe(0);
    expect(new CappedIdSet(memoryStorage({ [ESCALATION_SEEN_KEY]: '{"a":1}' }), ESCALATION_SEEN_KEY, 5).size).toBe(0);
    const noStorage = new CappedIdSet(null, ESCALATION_SEEN_KEY, 5);
    noStorage.add('x');
    expect(noStorage.has('x')).toBe(true);
  });

  it('keys a card by its handoff, or by its session for a legacy request', () => {
    expect(escalationKey({ handoffId: 'h1', sessionId: 's1' })).toBe('h1');
    expect(escalationKey({ handoffId: null, sessionId: 's1' })).toBe('session:s1');
  });

  it('marks cards seen in localStorage for the app', () => {
    localStorage.removeItem(ESCALATION_SEEN_KEY);
    const store = TestBed.inject(EscalationSeenStore);
    expect(store.isSeen('h1')).toBe(false);
    store.markSeen('h1');
    expect(store.isSeen('h1')).toBe(true);
    expect(JSON.parse(localStorage.getItem(ESCALATION_SEEN_KEY)!)).toEqual(['h1']);
  });
});
