import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ErrorEnvelope, HealthLive } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { ApiClient } from './api-client.service';
import { ApiError } from './api-error';

describe('ApiClient', () => {
  let api: ApiClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ApiClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function failureOf(request: Promise<unknown>): Promise<ApiError> {
    const error = await request.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it('prefixes paths with /api/v1 and answers the JSON body', async () => {
    const body: HealthLive = { status: 'ok', uptimeSeconds: 12, version: '1.2.3' };
    const result = firstValueFrom(api.get<HealthLive>('/health/live'));

    const request = http.expectOne('/api/v1/health/live');
    expect(request.request.method).toBe('GET');
    request.flush(body);

    await expect(result).resolves.toEqual(body);
  });

  it('sends query parameters and request bodies', async () => {
    const listed = firstValueFrom(api.get('/ai-sessions', { params: { limit: 25, cursor: 'abc' } }));
    const listRequest = http.expectOne((req) => req.url === '/api/v1/ai-sessions');
    expect(listRequest.request.params.get('limit')).toBe('25');
    expect(listRequest.request.params.get('cursor')).toBe('abc');
    listRequest.flush({ items: [], nextCursor: null });
    await listed;

    const created = firstValueFrom(api.post<{ id: string }>('/ai-sessions', { problem: 'VPN drops' }));
    const createRequest = http.expectOne('/api/v1/ai-sessions');
    expect(createRequest.request.method).toBe('POST');
    expect(createRequest.request.body).toEqual({ problem: 'VPN drops' });
    createRequest.flush({ id: 'a1' }, { status: 201, statusText: 'Created' });
    await expect(created).resolves.toEqual({ id: 'a1' });
  });

  it.each(['PUT', 'PATCH'] as const)('sends %s with its body', async (method) => {
    const body = { outcome: 'worked' };
    const call = method === 'PUT' ? api.put('/fixes/f1', body) : api.patch('/fixes/f1', body);
    const result = firstValueFrom(call);

    const request = http.expectOne('/api/v1/fixes/f1');
    expect(request.request.method).toBe(method);
    expect(request.request.body).toEqual(body);
    request.flush({ id: 'f1' });
    await expect(result).resolves.toEqual({ id: 'f1' });
  });

  it('turns an error envelope into an ApiError carrying its code, message and details', async () => {
    const envelope: ErrorEnvelope = {
      statusCode: 409,
      error: 'handoff_already_claimed',
      message: 'Already claimed',
      details: { claimedBy: { id: 'u1', name: 'Dana' } },
    };
    const result = firstValueFrom(api.post('/handoffs/h1/claim'));
    http.expectOne('/api/v1/handoffs/h1/claim').flush(envelope, { status: 409, statusText: 'Conflict' });

    const error = await failureOf(result);
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe('handoff_already_claimed');
    expect(error.message).toBe('Already claimed');
    expect(error.details).toEqual({ claimedBy: { id: 'u1', name: 'Dana' } });
  });

  it('reports a request that got no answer as network_error', async () => {
    const result = firstValueFrom(api.get('/health/live'));
    http.expectOne('/api/v1/health/live').error(new ProgressEvent('error'));

    const error = await failureOf(result);
    expect(error.statusCode).toBe(0);
    expect(error.code).toBe('network_error');
    expect(error.message).toBe('The server could not be reached. Check your connection and try again.');
  });

  it('derives the code from the status when the body is not an envelope', async () => {
    const result = firstValueFrom(api.delete('/accounts/invites/i1'));
    http.expectOne('/api/v1/accounts/invites/i1').flush('<html>Bad Gateway</html>', {
      status: 502,
      statusText: 'Bad Gateway',
    });

    const error = await failureOf(result);
    expect(error.statusCode).toBe(502);
    expect(error.code).toBe('service_unavailable');
    expect(error.details).toBeUndefined();
  });
});
