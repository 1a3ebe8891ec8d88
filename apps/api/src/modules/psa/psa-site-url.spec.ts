import { siteUrlProblem } from './psa-site-url.js';

describe('siteUrlProblem', () => {
  it('allows local http addresses outside production, for stand-ins', () => {
    expect(siteUrlProblem('http://127.0.0.1:4010', false)).toBeUndefined();
  });

  it('requires https in production', () => {
    expect(siteUrlProblem('http://api-na.myconnectwise.net', true)?.code).toBe('psa_site_url_insecure');
    expect(siteUrlProblem('https://api-na.myconnectwise.net', true)).toBeUndefined();
  });

  it.each(['https://localhost', 'https://127.0.0.1', 'https://10.1.2.3', 'https://169.254.169.254', 'https://192.168.0.10', 'https://[::1]', 'https://[::ffff:127.0.0.1]', 'https://2130706433'])(
    'refuses the internal address %s in production',
    (url) => {
      expect(siteUrlProblem(url, true)?.code).toBe('psa_site_url_not_allowed');
    },
  );
});
