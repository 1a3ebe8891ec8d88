/**
 * The browser tab's title while escalations that arrived live are still unseen: it alternates
 * between a count and a "new" line each `phase` so it catches the eye in a row of tabs. With
 * reduced motion it does not alternate: the count stays in front of the title.
 */
export function queueTitle(base: string, unseen: number, phase: boolean, reducedMotion: boolean): string {
  if (unseen <= 0) return base;
  if (reducedMotion || !phase) return `(${unseen}) ${base}`;
  return unseen === 1 ? `● New escalation · ${base}` : `● ${unseen} new escalations · ${base}`;
}
