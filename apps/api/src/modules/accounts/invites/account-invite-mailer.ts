import { Injectable } from '@nestjs/common';
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
 * answer carries the link anyway. Its fate is in the delivery record.
 */
@Injectable()
export class AccountInviteMailer {
  constructor(private readonly outbox: MailOutbox) {}

  async send(invite: InviteMail): Promise<void> {
    const { inviterName, accountName, role, link } = invite;
    await this.outbox.enqueue(
      { to: invite.to, tag: 'account_invite', ...accountInvite({ inviterName, accountName, role, link }) },
      { accountId: invite.accountId },
    );
  }
}
