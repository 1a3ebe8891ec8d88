import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { ZodValidationPipe } from './zod-validation.js';

describe('ZodValidationPipe', () => {
  const sut = new ZodValidationPipe(z.object({ email: z.email(), age: z.number().int().min(0) }), 'body');

  it('returns the parsed value and strips unknown keys', () => {
    expect(sut.transform({ email: 'a@b.co', age: 3, extra: true })).toEqual({ email: 'a@b.co', age: 3 });
  });

  it('names each bad field in details.fields', () => {
    try {
      sut.transform({ email: 'nope', age: -1 });
      throw new Error('expected a validation failure');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.status).toBe(400);
      expect(appError.code).toBe('validation_failed');
      expect(Object.keys((appError.details as { fields: object }).fields).sort()).toEqual(['age', 'email']);
    }
  });

  it('rejects a missing body as a whole', () => {
    expect(() => sut.transform(undefined)).toThrow(AppError);
  });
});
