import { loadPrompt, PROMPT_NAMES } from './prompts.js';
import { findRealLookingData } from './real-looking-data.js';

describe('system prompts', () => {
  it.each(PROMPT_NAMES)('%s loads and is substantial', (name) => {
    expect(loadPrompt(name).length).toBeGreaterThan(200);
  });

  // Models parrot examples: a prompt with a sample hostname or ticket number leaks it into real answers.
  it.each(PROMPT_NAMES)('%s holds no real-looking example data', (name) => {
    expect(findRealLookingData(loadPrompt(name))).toEqual([]);
  });
});

describe('findRealLookingData', () => {
  it.each([
    ['an email address', 'mail jane.doe@contoso.com about it'],
    ['a ticket number', 'see ticket #48213 for history'],
    ['a ticket number written out', 'as in ticket 48213'],
    ['a fully qualified host name', 'the server dc01.corp.contoso.local is down'],
    ['a domain', 'browse to intranet.com'],
    ['an IPv4 address', 'ping 10.0.12.7 first'],
    ['an IPv6 address', 'the host at fe80::1ff:fe23:4567:890a answers'],
    ['a compressed IPv6 address', 'try 2001:db8::1'],
    ['a UNC path', 'map \\\\fileserver\\share again'],
  ])('finds %s', (_what, text) => {
    expect(findRealLookingData(text)).not.toEqual([]);
  });

  it('leaves ordinary prose, statuses and tool names alone', () => {
    const prose = 'At 10:30:00 call the `propose_fix` tool, e.g. when a fix is `applied_pending`. Keep it under 250 words; i.e. be brief. Ratio 3:1.';
    expect(findRealLookingData(prose)).toEqual([]);
  });
});
