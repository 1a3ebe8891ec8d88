import { readableInviteCode } from './readable-code.js';

describe('readableInviteCode', () => {
  it('has the RF-XXXX-XXXX-XXXX shape without look-alike characters', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = readableInviteCode();
      expect(code).toMatch(/^RF-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    }
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 1000 }, readableInviteCode));
    expect(codes.size).toBe(1000);
  });
});
