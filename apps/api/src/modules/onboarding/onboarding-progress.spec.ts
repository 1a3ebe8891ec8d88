import { stepMove } from './onboarding-progress.js';

const codeOf = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('onboarding progress', () => {
  it('advances one step at a time from nothing completed', () => {
    expect(stepMove(null, 1)).toBe('advance');
    expect(stepMove(0, 1)).toBe('advance');
    expect(stepMove(1, 2)).toBe('advance');
    expect(stepMove(2, 3)).toBe('advance');
  });

  it('treats the step already completed as a repeat', () => {
    expect(stepMove(1, 1)).toBe('repeat');
    expect(stepMove(3, 3)).toBe('repeat');
  });

  it('never goes back', () => {
    expect(codeOf(() => stepMove(2, 1))).toBe('onboarding_step_cannot_decrease');
    expect(codeOf(() => stepMove(3, 2))).toBe('onboarding_step_cannot_decrease');
  });

  it('never jumps over a step', () => {
    expect(codeOf(() => stepMove(null, 2))).toBe('onboarding_step_out_of_order');
    expect(codeOf(() => stepMove(1, 3))).toBe('onboarding_step_out_of_order');
  });

  it('says which step comes next when one is jumped', () => {
    try {
      stepMove(null, 3);
      throw new Error('expected a conflict');
    } catch (error) {
      expect(error).toMatchObject({ status: 409, details: { onboardingStepCompleted: null, step: 3, nextStep: 1 } });
    }
  });
});
