import { messageForError } from './error-messages';

describe('messageForError', () => {
  it.each([
    ['unauthorized', 'Your session has ended. Please sign in again.'],
    ['forbidden', 'You do not have permission to do that.'],
    ['validation_failed', 'Some fields need attention. Check the highlighted values and try again.'],
    ['rate_limited', 'Too many requests. Please wait a moment and try again.'],
    ['service_unavailable', 'ResolutionFlow is temporarily unavailable. Please try again shortly.'],
    ['network_error', 'The server could not be reached. Check your connection and try again.'],
    ['internal_error', 'Something went wrong on our side. Please try again.'],
    ['not_found', 'We could not find what you were looking for.'],
  ])('maps %s to readable English', (code, message) => {
    expect(messageForError(code, 'server text')).toBe(message);
  });

  it('uses the fallback for a code it does not know', () => {
    expect(messageForError('handoff_already_claimed', 'Already claimed by Dana')).toBe('Already claimed by Dana');
  });

  it('uses a generic sentence when an unknown code has no usable fallback', () => {
    expect(messageForError('handoff_already_claimed')).toBe('Something went wrong. Please try again.');
    expect(messageForError('handoff_already_claimed', '   ')).toBe('Something went wrong. Please try again.');
  });

  it('does not treat inherited object keys as known codes', () => {
    expect(messageForError('toString', 'fallback')).toBe('fallback');
  });
});
