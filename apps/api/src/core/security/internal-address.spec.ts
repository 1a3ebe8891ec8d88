import { isInternalAddress, isInternalHost, publicAddressLookup } from './internal-address.js';

describe('internal addresses', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', '::7f00:1', '::ffff:7f00:1', 'fd00:ec2::254', 'fe80::1'])(
    'treats %s as internal',
    (address) => {
      expect(isInternalAddress(address)).toBe(true);
    },
  );

  it.each(['8.8.8.8', '52.1.2.3', '2606:4700::1111', '::ffff:808:808'])('treats %s as public', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it('recognises local names and bracketed IPv6 hosts, not public names', () => {
    expect(isInternalHost('localhost')).toBe(true);
    expect(isInternalHost('api.localhost')).toBe(true);
    expect(isInternalHost('[::1]')).toBe(true);
    expect(isInternalHost('hooks.slack.com')).toBe(false);
  });

  it('refuses, at lookup, a name that resolves to an internal address', async () => {
    const error = await new Promise<Error | null>((resolve) => publicAddressLookup('localhost', {}, (e) => resolve(e)));
    expect(error).toMatchObject({ name: 'InternalAddressError', code: 'EADDRNOTALLOWED' });
  });
});
