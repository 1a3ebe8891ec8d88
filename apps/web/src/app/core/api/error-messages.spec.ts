import { ApiError, describeError } from './api-error';
import { messageForError, retryAfterText } from './error-messages';

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

describe('messages of the account area', () => {
  it.each([
    ['invalid_credentials', 'The email or password is incorrect.'],
    ['invite_email_mismatch', 'This invitation was sent to a different email address. Use the address it was sent to.'],
    [
      'invite_invalid_or_expired_or_revoked',
      'This invitation is no longer valid: it may have expired, been revoked or already been used.',
    ],
    ['stripe_not_configured', 'Online payment is not set up on this ResolutionFlow server yet.'],
    ['last_owner', 'An account needs at least one owner. Make someone else an owner first.'],
    ['subscription_required', 'This feature needs an active subscription.'],
    [
      'seat_limit_reached',
      'Every seat on this plan is taken by members and pending invitations. An owner or admin can upgrade the plan, remove a member or revoke an invitation to free one.',
    ],
    [
      'monthly_session_limit_reached',
      "This month's sessions on your plan are used up. New sessions can start on the 1st of next month (UTC), or upgrade the plan for more.",
    ],
  ])('maps %s to readable English whatever the server said', (code, message) => {
    expect(messageForError(code, 'server text')).toBe(message);
  });
});

describe('retryAfterText', () => {
  it.each([
    [{ retryAfterSeconds: 30 }, 'Please try again in 30 seconds.'],
    [{ retryAfterSeconds: 89.2 }, 'Please try again in 90 seconds.'],
    [{ retryAfterSeconds: 600 }, 'Please try again in 10 minutes.'],
    [{ retryAfterSeconds: 3599 }, 'Please try again in 60 minutes.'],
    [{ retryAfterSeconds: 7200 }, 'Please try again in about 2 hours.'],
  ])('says how long to wait for %j', (details, text) => {
    expect(retryAfterText(details)).toBe(text);
  });

  it.each([undefined, {}, { retryAfterSeconds: 'soon' }, { retryAfterSeconds: 0 }, { retryAfterSeconds: -5 }])(
    'says nothing without a usable wait (%j)',
    (details) => {
      expect(retryAfterText(details)).toBeNull();
    },
  );
});

describe('describeError', () => {
  it('uses the readable message of a known code', () => {
    expect(describeError(new ApiError(400, 'invite_email_mismatch', 'Sign up with the invited address'))).toBe(
      'This invitation was sent to a different email address. Use the address it was sent to.',
    );
  });

  it('says when to retry after a 429 that tells', () => {
    expect(describeError(new ApiError(429, 'rate_limited', 'Too many', { retryAfterSeconds: 1800 }))).toBe(
      'Too many requests. Please try again in 30 minutes.',
    );
  });

  it("falls back to the server's message for codes it does not know", () => {
    expect(describeError(new ApiError(409, 'handoff_already_claimed', 'Already claimed by Dana'))).toBe('Already claimed by Dana');
  });

  it('describes a failure that is not an API error', () => {
    expect(describeError(new Error('boom'))).toBe('Something went wrong on our side. Please try again.');
  });
});
