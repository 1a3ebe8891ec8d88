import type { z } from 'zod';

import { ApiError } from '../../core/api/api-error';

/** One readable sentence per field that needs attention, keyed by the field's path ("email", "limits.seats"). */
export type FieldErrors = Readonly<Record<string, string>>;

export type Validation<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly errors: FieldErrors };

interface IssueFacts {
  readonly code?: string;
  readonly input?: unknown;
  readonly origin?: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly format?: string;
}

/**
 * Words for the issues Zod would otherwise describe in developer terms ("Too small: expected
 * string to have >=1 characters"). Messages written in the contracts themselves take precedence.
 */
export function describeIssue(issue: IssueFacts): string {
  const blank = issue.input === undefined || issue.input === null || issue.input === '';
  switch (issue.code) {
    case 'invalid_type':
      return blank ? 'is required' : 'is not valid';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${issue.minimum}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return blank ? 'is required' : 'needs one of the listed choices';
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'url') return 'must be a URL';
      return 'is not in the expected format';
    default:
      return 'is not valid';
  }
}

/** "is required" → "This field is required."; "must be …" → "Must be ….". */
export function toSentence(message: string): string {
  const text = message.trim();
  if (!text) return 'This value is not valid.';
  if (/^is required\.?$/i.test(text)) return 'This field is required.';
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function keyOf(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : 'form';
}

/** Validates a form's value with a contract schema; the first problem of each field as a sentence. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown): Validation<z.output<S>> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(value, { error: (issue) => describeIssue(issue as IssueFacts) });
  } catch {
    // A refinement that throws on odd input must not break the page: the form is just not valid.
    return { ok: false, errors: { form: 'Some values could not be checked. Review the form and try again.' } };
  }
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[keyOf(issue.path)] ??= toSentence(issue.message);
  return { ok: false, errors };
}

/** The field problems of a 400 `validation_failed` from the API (`details.fields`), if any. */
export function fieldErrorsFromApi(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return {};
  const fields = error.details?.['fields'];
  if (typeof fields !== 'object' || fields === null) return {};
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fields as Record<string, unknown>)) {
    const first = Array.isArray(messages) ? messages.find((m): m is string => typeof m === 'string') : undefined;
    if (first) errors[field] = toSentence(first);
  }
  return errors;
}
