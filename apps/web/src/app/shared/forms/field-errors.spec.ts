import {
  createApiKeyRequestSchema,
  createInviteRequestSchema,
  loginRequestSchema,
  registerRequestSchema,
  salesLeadRequestSchema,
  shopStepDataSchema,
} from '@resolutionflow/contracts';

import { ApiError } from '../../core/api/api-error';
import { fieldErrorsFromApi, toSentence, validateWith } from './field-errors';

describe('validateWith (forms checked with the contract schemas)', () => {
  it('answers the parsed value when the form is valid', () => {
    expect(validateWith(loginRequestSchema, { email: ' Dana@Example.COM ', password: 'x' })).toEqual({
      ok: true,
      data: { email: 'dana@example.com', password: 'x' },
    });
  });

  it('names every field that needs attention, in sentences', () => {
    const result = validateWith(loginRequestSchema, { email: 'not-an-email', password: '' });
    expect(result).toEqual({
      ok: false,
      errors: { email: 'Must be an email address.', password: 'This field is required.' },
    });
  });

  it('keeps the messages written in the contract', () => {
    const result = validateWith(registerRequestSchema, { email: 'a@b.example', password: 'short', name: 'Dana' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({ password: 'Must be at least 10 characters.' });
  });

  it('reports missing required fields as required', () => {
    const result = validateWith(registerRequestSchema, { email: 'a@b.example', password: 'long-enough-password', name: '   ' });
    expect(!result.ok && result.errors).toEqual({ name: 'This field is required.' });
  });

  it('explains a value outside a fixed list', () => {
    const invite = validateWith(createInviteRequestSchema, { email: 'a@b.example', role: 'owner' });
    expect(!invite.ok && invite.errors).toEqual({ role: 'Needs one of the listed choices.' });
    const shop = validateWith(shopStepDataSchema, { companyName: 'Acme', teamSize: undefined, role: 'tech' });
    expect(!shop.ok && shop.errors).toEqual({ teamSize: 'This field is required.' });
  });

  it('describes lengths over the limit', () => {
    const result = validateWith(createApiKeyRequestSchema, { name: 'x'.repeat(101), role: 'engineer' });
    expect(!result.ok && result.errors).toEqual({ name: 'Must be at most 100 characters.' });
  });

  it('validates the talk-to-sales form, optional fields included', () => {
    const ok = validateWith(salesLeadRequestSchema, { name: 'Dana', email: 'dana@acme.example', company: 'Acme', source: 'pricing_page' });
    expect(ok.ok).toBe(true);
    const bad = validateWith(salesLeadRequestSchema, {
      name: '',
      email: 'dana@',
      company: 'Acme',
      teamSize: '7',
      source: 'pricing_page',
    });
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['email', 'name', 'teamSize']);
  });
});

describe('fieldErrorsFromApi', () => {
  it("reads the API's details.fields of a validation failure", () => {
    const error = new ApiError(400, 'validation_failed', 'The request body is invalid', {
      fields: { email: ['must be an email address'], 'limits.seats': ['Too small', 'second'] },
    });
    expect(fieldErrorsFromApi(error)).toEqual({ email: 'Must be an email address.', 'limits.seats': 'Too small.' });
  });

  it('has nothing for other errors', () => {
    expect(fieldErrorsFromApi(new ApiError(409, 'email_already_registered', 'Taken'))).toEqual({});
    expect(fieldErrorsFromApi(new Error('x'))).toEqual({});
    expect(fieldErrorsFromApi(new ApiError(400, 'validation_failed', 'Bad', { fields: 'nope' }))).toEqual({});
  });
});

describe('toSentence', () => {
  it.each([
    ['is required', 'This field is required.'],
    ['must be a URL', 'Must be a URL.'],
    ['Already a sentence.', 'Already a sentence.'],
    ['  ', 'This value is not valid.'],
  ])('%j → %j', (message, sentence) => {
    expect(toSentence(message)).toBe(sentence);
  });
});

describe('validateWith with a schema that throws', () => {
  it('reports the form as not valid instead of breaking the page', async () => {
    const { z } = await import('zod');
    const fragile = z.object({ site: z.string().refine((v) => new URL(v).protocol === 'https:') });
    expect(validateWith(fragile, { site: 'not a url' })).toEqual({
      ok: false,
      errors: { form: 'Some values could not be checked. Review the form and try again.' },
    });
  });
});
