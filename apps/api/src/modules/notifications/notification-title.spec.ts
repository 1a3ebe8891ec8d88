import { escalationTitle, pickupLink, problemSnippet } from './notification-title.js';

describe('escalation notification title', () => {
  it('names the escalator, the ticket when linked, and the problem', () => {
    expect(escalationTitle({ escalatorName: 'Jo Junior', ticketId: '4821', problemSummary: 'Printer offline' })).toBe(
      'Escalation from Jo Junior · #4821: Printer offline',
    );
    expect(escalationTitle({ escalatorName: 'Jo Junior', ticketId: null, problemSummary: 'Printer offline' })).toBe(
      'Escalation from Jo Junior: Printer offline',
    );
  });

  it('cuts the problem at 70 characters with an ellipsis, on one line', () => {
    const long = 'Outlook keeps prompting for credentials after the tenant migration\nand MFA re-registration fails';
    const snippet = problemSnippet(long);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(71);
    expect(snippet).not.toContain('\n');
    expect(problemSnippet('x'.repeat(70))).toBe('x'.repeat(70));
    expect(problemSnippet('x'.repeat(71))).toBe(`${'x'.repeat(70)}…`);
  });

  it('links to the pick-up screen', () => {
    expect(pickupLink('abc')).toBe('/pilot/abc?pickup=true');
  });
});
