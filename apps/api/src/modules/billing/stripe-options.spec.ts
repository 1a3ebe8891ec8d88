import { stripeConnectionOptions } from './stripe-options.js';

describe('stripeConnectionOptions', () => {
  it('leaves the SDK on its defaults when no base is configured', () => {
    expect(stripeConnectionOptions(undefined)).toEqual({});
  });

  it('splits a base URL into host, port and protocol', () => {
    expect(stripeConnectionOptions('http://127.0.0.1:43123')).toEqual({ host: '127.0.0.1', port: 43123, protocol: 'http' });
    expect(stripeConnectionOptions('https://stripe-proxy.internal')).toEqual({ host: 'stripe-proxy.internal', port: 443, protocol: 'https' });
    expect(stripeConnectionOptions('http://[::1]:8080/')).toEqual({ host: '::1', port: 8080, protocol: 'http' });
  });

  it('refuses bases the SDK could not honour, naming the variable', () => {
    expect(() => stripeConnectionOptions('http://127.0.0.1:1/stripe')).toThrow(/STRIPE_API_URL: must be a bare origin/);
    expect(() => stripeConnectionOptions('ftp://example.test')).toThrow(/STRIPE_API_URL: must be an http or https URL/);
  });
});
