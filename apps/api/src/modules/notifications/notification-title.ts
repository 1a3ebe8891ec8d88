const SNIPPET_LIMIT = 70;

/** The problem as a one-line snippet: whitespace collapsed, at most 70 characters, then `…`. */
export function problemSnippet(problem: string): string {
  const oneLine = problem.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= SNIPPET_LIMIT) return oneLine;
  return `${oneLine.slice(0, SNIPPET_LIMIT).trimEnd()}…`;
}

/** `Escalation from {name} · #{ticket}: {problem snippet}`; the ticket part only when one is linked. */
export function escalationTitle(input: { escalatorName: string; ticketId: string | null; problemSummary: string }): string {
  const ticket = input.ticketId ? ` · #${input.ticketId}` : '';
  return `Escalation from ${input.escalatorName}${ticket}: ${problemSnippet(input.problemSummary)}`;
}

/** Where a notification about a session takes its reader: the pick-up screen. */
export function pickupLink(sessionId: string): string {
  return `/pilot/${sessionId}?pickup=true`;
}
