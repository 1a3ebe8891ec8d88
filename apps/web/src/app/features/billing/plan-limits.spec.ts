import { describeLimits } from './plan-limits';

describe('describeLimits', () => {
  it('reads limits as short lines', () => {
    expect(describeLimits({ seats: 10, monthlySessions: null, standaloneScriptSessions: 5, proFeatures: true })).toEqual([
      'Up to 10 seats',
      'Unlimited sessions',
      'Up to 5 script builder sessions',
      'Escalations, live handoffs, AI assessments, PSA sync and analytics',
    ]);
  });

  it('says "no" rather than "up to 0", and uses the singular for one', () => {
    expect(describeLimits({ seats: 1, monthlySessions: 0, standaloneScriptSessions: 0, proFeatures: false })).toEqual([
      'Up to 1 seat',
      'No AI sessions',
      'No script builder sessions',
      'Without escalations, handoffs or integrations',
    ]);
  });

  it('counts a monthly allowance', () => {
    expect(describeLimits({ seats: null, monthlySessions: 200, standaloneScriptSessions: null, proFeatures: true }).slice(0, 3)).toEqual([
      'Unlimited seats',
      '200 sessions a month',
      'Unlimited script builder sessions',
    ]);
  });
});
