import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People who joined through an invite never see the welcome wizard, whatever role they are given
 * later (an owner may promote a teammate to owner). New invitees are stored with the wizard
 * dismissed; this marks those who joined before.
 */
export class InviteesSkipWizard1764280000000 implements MigrationInterface {
  name = 'InviteesSkipWizard1764280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE users SET onboarding_dismissed = true
       WHERE NOT onboarding_dismissed
         AND id IN (SELECT used_by FROM account_invites WHERE used_by IS NOT NULL)`);
  }

  async down(): Promise<void> {
    // Nothing to undo: a dismissed wizard is a valid state for anyone, and the invitees' earlier value was never meaningful.
  }
}
