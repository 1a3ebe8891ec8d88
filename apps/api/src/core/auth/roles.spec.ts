import { roleRequirementMessage } from './roles.js';

describe('roleRequirementMessage', () => {
  it('names the lowest roles that pass, owners implied', () => {
    expect(roleRequirementMessage(['engineer', 'admin', 'owner'])).toBe('Engineer or admin access required');
    expect(roleRequirementMessage(['admin', 'owner'])).toBe('Admin access required');
    expect(roleRequirementMessage(['owner'])).toBe('Owner access required');
  });
});
