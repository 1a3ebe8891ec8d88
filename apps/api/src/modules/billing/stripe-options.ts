/** The SDK's connection settings for a Stripe API base other than Stripe's own (a local stand-in, a proxy). */
export interface StripeConnectionOptions {
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/**
 * Turns `STRIPE_API_URL` into the SDK's host/port/protocol options. The SDK always appends its
 * own `/v1/…` paths, so a base with a path of its own could not be honoured and is refused.
 */
export function stripeConnectionOptions(apiUrl: string | undefined): StripeConnectionOptions {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`STRIPE_API_URL: must be an http or https URL, not ${url.protocol}`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error('STRIPE_API_URL: must be a bare origin such as https://api.stripe.com (no path or query)');
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    // URL keeps IPv6 literals bracketed; the SDK wants the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}
