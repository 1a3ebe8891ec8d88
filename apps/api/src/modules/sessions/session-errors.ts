import { AppError } from '../../core/errors/app-error.js';

export const sessionNotFound = () => AppError.notFound('Session');
export const fixNotFound = () => AppError.notFound('Fix');

export const notOwnerOrClaimer = () =>
  AppError.forbidden("Only the session's owner or the engineer who picked it up can do this");

export const sessionResolved = () => new AppError(409, 'session_resolved', 'This session is resolved; start a new session instead');

/** Errors every session route may answer besides its own. */
export const SESSION_ROUTE_ERRORS: [number, string][] = [
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [403, 'email_verification_required'],
];
