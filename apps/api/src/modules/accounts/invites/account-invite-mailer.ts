import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../../core/database/tenant-database.js';
import { MailOutbox } from '../../../core/mail/mail-outbox.js';
import { accountInvite } from '../../../core/mail/mail-templates.js';

export interface InviteMail {
  accountId: string;
  to: string;
  role: string;
  inviterName: string;
  accountName: string;
  link: string;
}

/**
 * The invite email, queued durably: an SMTP outage delays it and never fails the invite, whose
 * answer carries the link anyway. Its fate is in the delivery record. Queued in the account's open
 * transaction, so an invite that rolls back (a wizard step failing on a later address) sends nothing.
 */
@Injectable()
export class AccountInviteMailer {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly tenant: TenantDatabase,
  ) {}

  async send(invite: InviteMail): Promise<void> {
    const { inviterName, accountName, role, link } = invite;
    await this.outbox.enqueue(
      { to: invite.to, tag: 'account_invite', ...accountInvite({ inviterName, accountName, role, link }) },
      { accountId: invite.accountId, manager: this.tenant.managerFor(invite.accountId) },
    );
  }
}
