import type { ConfidenceTier } from '@resolutionflow/contracts';
import type {
  AiAssessment,
  AiChatRequest,
  AiDocumentRequest,
  AiFixFacts,
  AiProvider,
  AiReplyResult,
  AiReplyStream,
  AiSessionFacts,
  ProposedFix,
} from './ai-provider.js';

export const OFFLINE_NOTICE = 'Offline assistant: no AI provider is configured, so this is assembled from the session record, not written by a language model.';

/** Lines such as "Fix: restart the print spooler" or "Try: …" in an engineer's message, recorded as proposed fixes. */
const FIX_LINE = /^\s*(?:fix|try)\s*:\s*(.+?)\s*$/gim;

/** "waiting on X", without doubling a reason that already says "waiting …". */
function waitingOn(reason: string | null, fallback: string): string {
  if (!reason) return `waiting on ${fallback}`;
  return /^(waiting|awaiting)\b/i.test(reason) ? reason.charAt(0).toLowerCase() + reason.slice(1) : `waiting on ${reason}`;
}

function quoted(fix: AiFixFacts): string {
  return `"${fix.title}"`;
}

function byStatus(facts: AiSessionFacts, ...statuses: AiFixFacts['status'][]): AiFixFacts[] {
  return facts.fixes.filter((f) => statuses.includes(f.status));
}

function fixLines(facts: AiSessionFacts): string[] {
  const lines: string[] = [];
  for (const fix of byStatus(facts, 'applied_pending')) {
    lines.push(`- Waiting to verify ${quoted(fix)}: ${waitingOn(fix.pendingReason, 'an unstated check')}. Record whether it worked once that is done.`);
  }
  for (const fix of byStatus(facts, 'verifying')) lines.push(`- Being verified: ${quoted(fix)}. Record whether it worked, failed or partly worked.`);
  for (const fix of byStatus(facts, 'applied_partial')) lines.push(`- Partly worked: ${quoted(fix)}${fix.notes ? ` (${fix.notes})` : ''}. The remaining symptom is the next lead.`);
  for (const fix of byStatus(facts, 'applied_failed')) lines.push(`- Ruled out: ${quoted(fix)}${fix.notes ? ` (${fix.notes})` : ''}.`);
  for (const fix of byStatus(facts, 'applied_success')) lines.push(`- Worked: ${quoted(fix)}. If the problem is gone, resolve the session.`);
  const proposed = byStatus(facts, 'proposed');
  if (proposed.length) lines.push(`- Not tried yet: ${proposed.map(quoted).join(', ')}.`);
  return lines;
}

function proposalsIn(message: string): ProposedFix[] {
  const proposals: ProposedFix[] = [];
  for (const match of message.matchAll(FIX_LINE)) {
    const text = match[1]!;
    const title = text.length > 120 ? `${text.slice(0, 117)}…` : text;
    proposals.push({ title: title.charAt(0).toUpperCase() + title.slice(1), description: text });
  }
  return proposals;
}

function leadingFix(facts: AiSessionFacts): AiFixFacts | undefined {
  return byStatus(facts, 'applied_pending')[0] ?? byStatus(facts, 'verifying')[0] ?? byStatus(facts, 'applied_partial')[0];
}

function engineerSteps(facts: AiSessionFacts): string[] {
  return facts.steps.filter((s) => s.role === 'engineer').map((s) => s.content);
}

/** Splits text into small pieces so the offline reply streams like a real one. */
function* pieces(text: string): Generator<string> {
  for (const piece of text.match(/[^\n]*\n?|\n/g) ?? []) if (piece) yield piece;
}

/**
 * The assistant without a network: deterministic answers built only from the session's own
 * record (problem, conversation, fixes and their outcomes), and always saying it is offline.
 */
export class OfflineAiProvider implements AiProvider {
  readonly name = 'offline' as const;

  async *reply(request: AiChatRequest): AiReplyStream {
    const result = this.composeReply(request);
    for (const piece of pieces(result.text)) yield piece;
    return result;
  }

  composeReply({ facts, message }: AiChatRequest): AiReplyResult {
    const proposedFixes = proposalsIn(message);
    const known = new Set(facts.fixes.map((f) => f.title.toLowerCase()));
    const fresh = proposedFixes.filter((p) => !known.has(p.title.toLowerCase()));
    const lines = [OFFLINE_NOTICE, '', `Problem: ${facts.problemSummary}`, `Noted your step ${engineerSteps(facts).length + 1}.`];
    const fixes = fixLines(facts);
    lines.push('', fixes.length ? 'Where the fixes stand:' : 'No fix is recorded yet.', ...fixes);
    if (fresh.length) lines.push('', `Recorded as proposed: ${fresh.map((p) => `"${p.title}"`).join(', ')}.`);
    lines.push('', `Next: ${this.nextMove(facts, fresh.length > 0)}`);
    return { text: lines.join('\n'), proposedFixes: fresh };
  }

  async document(request: AiDocumentRequest): Promise<string> {
    return request.kind === 'resolution_note' ? this.resolutionNote(request) : this.escalationBriefing(request);
  }

  async assess(facts: AiSessionFacts): Promise<AiAssessment> {
    const lead = leadingFix(facts);
    const failed = byStatus(facts, 'applied_failed');
    const steps: string[] = [];
    if (lead?.status === 'applied_pending') steps.push(`Confirm whether ${quoted(lead)} worked (it was ${waitingOn(lead.pendingReason, 'a check')}).`);
    else if (lead?.status === 'verifying') steps.push(`Find out whether ${quoted(lead)} worked; its outcome was not recorded.`);
    else if (lead) steps.push(`Follow up the part of ${quoted(lead)} that did not work${lead.notes ? `: ${lead.notes}` : ''}.`);
    if (failed.length) steps.push(`Do not repeat what was ruled out: ${failed.map(quoted).join(', ')}.`);
    steps.push('Read the last engineer steps in the conversation and confirm the symptom is still current.');
    if (!lead) steps.push('Agree on the first fix to try and record it, so its outcome is tracked.');
    const tier: ConfidenceTier = byStatus(facts, 'applied_success').length ? 'high' : lead ? 'medium' : 'low';
    return {
      summary: `${OFFLINE_NOTICE} ${facts.steps.length} steps and ${facts.fixes.length} fixes are recorded for: ${facts.problemSummary}`,
      likelyCause: lead
        ? `The leading hypothesis is ${quoted(lead)} (${lead.status}).`
        : 'The record does not point at a cause yet.',
      suggestedSteps: steps.slice(0, 5),
      confidenceTier: tier,
    };
  }

  private nextMove(facts: AiSessionFacts, justProposed: boolean): string {
    const pending = byStatus(facts, 'applied_pending')[0];
    if (pending) return `verify ${quoted(pending)} once you are done ${waitingOn(pending.pendingReason, 'the check')}, then record the outcome.`;
    const verifying = byStatus(facts, 'verifying')[0];
    if (verifying) return `record the outcome of ${quoted(verifying)}.`;
    if (justProposed) return 'apply the proposed fix and record its outcome.';
    if (byStatus(facts, 'applied_success').length) return 'if the problem is gone, resolve the session.';
    return 'record the fix you want to try (start a line with "Fix:"), or escalate if you are stuck.';
  }

  private resolutionNote({ facts, engineerNote }: AiDocumentRequest): string {
    const lines = ['Resolution note (written offline from the session record)', '', `Problem: ${facts.problemSummary}`];
    const worked = byStatus(facts, 'applied_success');
    const provisional = byStatus(facts, 'applied_pending');
    lines.push('', 'Resolution:');
    if (!worked.length && !provisional.length) lines.push('- The session record does not say which fix resolved the problem.');
    for (const fix of worked) lines.push(`- ${quoted(fix)} fixed the problem. ${fix.description}`);
    for (const fix of provisional) {
      lines.push(
        `- Provisional: ${quoted(fix)} was applied and is believed to have fixed the problem, but it was not yet verified when the session was resolved (it was ${waitingOn(fix.pendingReason, 'a check')}). ${fix.description}`,
      );
    }
    const partial = byStatus(facts, 'applied_partial');
    const failed = byStatus(facts, 'applied_failed');
    if (partial.length || failed.length) {
      lines.push('', 'What was tried:');
      for (const fix of partial) lines.push(`- ${quoted(fix)} helped in part${fix.notes ? `: ${fix.notes}` : ''}.`);
      for (const fix of failed) lines.push(`- ${quoted(fix)} did not help${fix.notes ? `: ${fix.notes}` : ''}.`);
    }
    if (engineerNote) lines.push('', `Engineer's note: ${engineerNote}`);
    if (provisional.length) lines.push('', `Follow-up: confirm ${provisional.map(quoted).join(', ')} held.`);
    return lines.join('\n');
  }

  private escalationBriefing({ facts, engineerNote }: AiDocumentRequest): string {
    const lines = ['Escalation briefing (written offline from the session record)', '', `Problem: ${facts.problemSummary}`];
    const reason = engineerNote ?? facts.escalationReason;
    if (reason) lines.push(`Why it is escalated: ${reason}`);
    const lead = leadingFix(facts);
    lines.push('', 'Leading hypothesis:');
    if (lead?.status === 'applied_pending') {
      lines.push(`- ${quoted(lead)} was applied and is waiting to be verified; ${waitingOn(lead.pendingReason, 'an unstated check')}. Confirm it first.`);
    } else if (lead) {
      lines.push(`- ${quoted(lead)} (${lead.status})${lead.notes ? `: ${lead.notes}` : ''}.`);
    } else {
      lines.push('- None yet: no fix is applied and waiting on an outcome.');
    }
    const fixes = fixLines(facts);
    if (fixes.length) lines.push('', 'What was tried:', ...fixes);
    const latest = engineerSteps(facts).slice(-3);
    if (latest.length) lines.push('', 'Latest from the engineer:', ...latest.map((s) => `- ${s.length > 300 ? `${s.slice(0, 300)}…` : s}`));
    lines.push('', `${facts.steps.length} steps are on record.`);
    return lines.join('\n');
  }
}
