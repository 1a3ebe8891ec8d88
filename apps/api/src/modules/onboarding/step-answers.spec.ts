import { distinctInvites, parseStepAnswers } from './step-answers.js';

const fieldsOf = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    const e = error as { code: string; details: { fields: Record<string, string[]> } };
    return { code: e.code, fields: Object.keys(e.details.fields).sort() };
  }
};

describe('onboarding step answers', () => {
  it('parses each step with its own contract', () => {
    expect(parseStepAnswers(1, { companyName: ' Acme ', teamSize: '3-5', role: 'owner' })).toEqual({
      step: 1,
      data: { companyName: 'Acme', teamSize: '3-5', role: 'owner' },
    });
    expect(parseStepAnswers(2, { invites: [{ email: 'A@Example.test' }] })).toEqual({
      step: 2,
      data: { invites: [{ email: 'a@example.test', role: 'engineer' }] },
    });
    expect(parseStepAnswers(3, undefined)).toEqual({ step: 3, data: { chat: [] } });
  });

  it('names bad fields under data.', () => {
    expect(fieldsOf(() => parseStepAnswers(1, { companyName: '', teamSize: '7' }))).toEqual({
      code: 'validation_failed',
      fields: ['data.companyName', 'data.role', 'data.teamSize'],
    });
    expect(fieldsOf(() => parseStepAnswers(2, { invites: [{ email: 'nope', role: 'owner' }] }))).toEqual({
      code: 'validation_failed',
      fields: ['data.invites.0.email', 'data.invites.0.role'],
    });
    expect(fieldsOf(() => parseStepAnswers(3, 'slack'))).toEqual({ code: 'validation_failed', fields: ['data'] });
  });

  it('keeps the first invite of each address', () => {
    const invites = [
      { email: 'a@x.test', role: 'admin' },
      { email: 'b@x.test', role: 'viewer' },
      { email: 'a@x.test', role: 'viewer' },
    ];
    expect(distinctInvites(invites)).toEqual(invites.slice(0, 2));
  });
});
