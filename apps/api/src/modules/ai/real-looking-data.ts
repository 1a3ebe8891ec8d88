const PATTERNS: [kind: string, pattern: RegExp][] = [
  ['email address', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
  ['ticket number', /#\d{3,}\b/g],
  ['ticket number', /\bticket\s+(?:no\.?\s*|number\s*)?\d{3,}\b/gi],
  ['host name', /\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\.[a-z]{2,}\b/gi],
  ['domain', /\b[a-z0-9-]+\.(?:com|net|org|io|local|lan|corp|internal|co|us|uk|de|fr|ca|au|biz|info)\b/gi],
  ['IPv4 address', /\b(?:\d{1,3}\.){3}\d{1,3}\b/g],
  // Full (eight groups) or compressed (with `::`) forms; clock times like 10:30:00 stay out.
  ['IPv6 address', /(?<![\w:])(?=[0-9a-f:]*::|(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4})[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi],
  ['UNC path', /\\\\[A-Za-z0-9_-]+\\/g],
];

/** Everything in `text` that looks like real client data (addresses, hosts, ticket numbers), as "kind: match". */
export function findRealLookingData(text: string): string[] {
  const found: string[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push(`${kind}: ${match[0]}`);
  }
  return found;
}
