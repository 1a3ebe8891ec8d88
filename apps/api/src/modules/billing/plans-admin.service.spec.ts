import { defaultDisplayName } from './plans-admin.service.js';

describe('defaultDisplayName', () => {
  it('capitalises the plan key', () => {
    expect(defaultDisplayName('pro')).toBe('Pro');
    expect(defaultDisplayName('team-plus')).toBe('Team-plus');
  });
});
