import type { AiFixFacts, AiSessionFacts } from './ai-provider.js';

/** Long conversations are cut to their latest steps so a prompt stays within a sensible size. */
export const MAX_STEPS_IN_CONTEXT = 40;
const MAX_STEP_CHARS = 4_000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function describeFix(fix: AiFixFacts): string {
  const parts = [`"${fix.title}" — status ${fix.status}`];
  if (fix.status === 'applied_pending' && fix.pendingReason) parts.push(`waiting on: ${fix.pendingReason}`);
  if (fix.notes) parts.push(`notes: ${fix.notes}`);
  if (fix.hasDraftScript) parts.push('a script was drafted for it');
  return `${parts.join('; ')}\n  ${clip(fix.description, 1_000)}`;
}

/** The session record as the provider reads it: labelled plain text, oldest step first. */
export function renderFacts(facts: AiSessionFacts, options: { includeSteps?: boolean } = {}): string {
  const lines = [
    `Problem: ${facts.problemSummary}`,
    `Linked ticket: ${facts.psaTicketId ? 'yes' : 'none'}`,
    `Session status: ${facts.status}`,
  ];
  if (facts.escalationReason) lines.push(`Escalation reason: ${facts.escalationReason}`);
  lines.push('', 'Fixes recorded:');
  if (facts.fixes.length === 0) lines.push('- none yet');
  for (const fix of facts.fixes) lines.push(`- ${describeFix(fix)}`);
  if (options.includeSteps !== false) {
    const steps = facts.steps.slice(-MAX_STEPS_IN_CONTEXT);
    lines.push('', `Conversation (${facts.steps.length} steps${steps.length < facts.steps.length ? `, latest ${steps.length} shown` : ''}):`);
    if (steps.length === 0) lines.push('- nothing yet');
    for (const step of steps) lines.push(`[${step.role}] ${clip(step.content, MAX_STEP_CHARS)}`);
  }
  return lines.join('\n');
}

export function clipStep(content: string): string {
  return clip(content, MAX_STEP_CHARS);
}
