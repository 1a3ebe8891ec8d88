import { renderMail, type RenderedMail } from './mail-layout.js';

/**
 * The emails the product sends, as pure functions of their data. Callers build links from
 * APP_URL and spread the result into MailService.send: `send({ to, tag, ...verifyEmail(…) })`.
 */

export function verifyEmail(input: { name: string; link: string }): RenderedMail {
  return renderMail({
    subject: 'Confirm your email for ResolutionFlow',
    greeting: `Hi ${input.name},`,
    paragraphs: ['Thanks for signing up for ResolutionFlow. Please confirm that this is your email address.'],
    action: { label: 'Confirm my email', link: input.link },
    footnote: 'If you did not create a ResolutionFlow account, you can ignore this email.',
  });
}

export function passwordReset(input: { name: string; link: string; expiresMinutes: number }): RenderedMail {
  return renderMail({
    subject: 'Reset your ResolutionFlow password',
    greeting: `Hi ${input.name},`,
    paragraphs: [
      'We received a request to reset the password of your ResolutionFlow account.',
      `The link below works once and expires in ${formatMinutes(input.expiresMinutes)}.`,
    ],
    action: { label: 'Choose a new password', link: input.link },
    footnote: 'If you did not ask for this, ignore this email: your password stays as it is.',
  });
}

export function accountInvite(input: { inviterName: string; accountName: string; role: string; link: string }): RenderedMail {
  return renderMail({
    subject: `${input.inviterName} invited you to ${input.accountName} on ResolutionFlow`,
    greeting: 'Hi,',
    paragraphs: [
      `${input.inviterName} invited you to join ${input.accountName} on ResolutionFlow as ${withArticle(input.role)}.`,
      'ResolutionFlow is where your team troubleshoots together and hands escalations over with the full context.',
    ],
    action: { label: 'Accept the invite', link: input.link },
    footnote: 'If you were not expecting this invite, you can ignore this email.',
  });
}

export interface SalesLeadSummary {
  name: string;
  email: string;
  company: string;
  teamSize?: string;
  message?: string;
  /** Where the form was sent from, e.g. `pricing_page`. */
  source: string;
}

export function salesLeadNotification(lead: SalesLeadSummary): RenderedMail {
  const source = lead.source.replace(/_/g, ' ');
  const details: Array<[string, string]> = [
    ['Name', lead.name],
    ['Email', lead.email],
    ['Company', lead.company],
    ['Team size', lead.teamSize ?? 'not given'],
    ['Source', source],
  ];
  if (lead.message) details.push(['Message', lead.message]);
  return renderMail({
    subject: `New sales lead: ${lead.company}`,
    paragraphs: [`${lead.name} from ${lead.company} got in touch through the ${source}.`],
    details,
  });
}

function formatMinutes(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function withArticle(role: string): string {
  return /^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`;
}

/** To every responder of the account when a teammate escalates (and again when nobody has claimed it). */
export function escalationNotification(input: {
  name: string;
  title: string;
  reason: string;
  link: string;
  realert?: boolean;
}): RenderedMail {
  return renderMail({
    subject: input.realert ? `Still waiting: ${input.title}` : input.title,
    greeting: `Hi ${input.name},`,
    paragraphs: [
      input.realert
        ? 'This escalation is still waiting for someone to pick it up.'
        : 'A teammate needs help with a session and has escalated it.',
      `Why: ${input.reason}`,
      'The first person to pick it up gets the whole session, with an assessment of where it stands.',
    ],
    action: { label: 'Pick it up', link: input.link },
    footnote: 'You get these emails because you take escalations in your team. Turn them off in your notification settings.',
  });
}
