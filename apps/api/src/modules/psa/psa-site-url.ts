import { isInternalHost } from '../../core/security/internal-address.js';

/**
 * Why a PSA site URL may not be saved, or undefined. Outside production plain http and local
 * hosts are allowed, so development and tests can point at a local stand-in; in production the
 * credentials only travel over TLS and never to an address inside our own network.
 */
export function siteUrlProblem(siteUrl: string, production: boolean): { code: string; message: string } | undefined {
  if (!production) return undefined;
  const url = new URL(siteUrl);
  if (url.protocol !== 'https:') {
    return { code: 'psa_site_url_insecure', message: 'The PSA site URL must use https' };
  }
  if (isInternalHost(url.hostname)) {
    return { code: 'psa_site_url_not_allowed', message: 'The PSA site URL must be a public address' };
  }
  return undefined;
}
