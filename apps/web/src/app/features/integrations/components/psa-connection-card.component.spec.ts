import type { HttpTestingController } from '@angular/common/http/testing';
import type { PsaConnection } from '@resolutionflow/contracts';

import { mountWithHttp, type Mounted } from '../../../../testing/mounted';
import { PsaConnectionCardComponent } from './psa-connection-card.component';

const URL = '/api/v1/psa/connection';
const CONNECTION: PsaConnection = {
  provider: 'connectwise',
  siteUrl: 'https://api-na.myconnectwise.net',
  companyId: 'acme',
  publicKey: 'public-key',
  privateKeySet: true,
  clientId: '00000000-0000-4000-8000-0000000000c1',
  defaultBoardId: null,
  defaultStatusId: null,
  defaultCompanyIdentifier: null,
  lastTestedAt: null,
  lastTestOk: null,
  lastTestMessage: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('PsaConnectionCardComponent', () => {
  let mounted: Mounted<PsaConnectionCardComponent>;
  let http: HttpTestingController;
  let card: HTMLElement;

  beforeEach(async () => {
    mounted = await mountWithHttp(PsaConnectionCardComponent);
    ({ http, element: card } = mounted);
    http.expectOne(URL).flush(CONNECTION);
    await stable();
  });

  afterEach(() => mounted.unmount());

  const stable = () => mounted.stable();

  const input = (name: string) => card.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  const button = (text: RegExp) => Array.from(card.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''))!;
  async function type(name: string, value: string): Promise<void> {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
    await stable();
  }

  it('fills the form from the loaded connection', () => {
    expect(input('siteUrl').value).toBe('https://api-na.myconnectwise.net');
    expect(input('privateKey').value).toBe('');
  });

  it('keeps unsaved edits when a test runs before saving', async () => {
    await type('companyId', 'acme-new');
    await type('privateKey', 'new-private-key');
    button(/Test connection/).click();
    await stable();
    http.expectOne(`${URL}/test`).flush({ ok: false, message: 'ConnectWise refused the keys.', testedAt: '2026-02-01T00:00:00Z' });
    await stable();

    expect(card.textContent).toContain('ConnectWise refused the keys.');
    expect(input('companyId').value).toBe('acme-new');
    expect(input('privateKey').value).toBe('new-private-key');
  });

  it('refills the form from what was saved, leaving the private key blank', async () => {
    await type('companyId', 'acme-new');
    await type('privateKey', 'new-private-key');
    button(/Save changes/).click();
    await stable();
    const request = http.expectOne({ method: 'PUT', url: URL });
    expect(request.request.body).toMatchObject({ companyId: 'acme-new', privateKey: 'new-private-key' });
    request.flush({ ...CONNECTION, companyId: 'acme-new', updatedAt: '2026-02-01T00:00:00Z' });
    await stable();

    expect(input('companyId').value).toBe('acme-new');
    expect(input('privateKey').value).toBe('');
    expect(card.textContent).toContain('Saved.');
  });
});
