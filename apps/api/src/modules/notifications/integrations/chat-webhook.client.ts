import { PermanentJobError } from '../../../core/jobs/job.types.js';

const TIMEOUT_MS = 10_000;

/**
 * Posts to a Slack or Teams incoming webhook. Network failures, timeouts, 429 and 5xx may pass
 * on a retry; any other refusal (bad or deleted webhook) will not, so it is permanent.
 */
export async function postToWebhook(url: string, payload: Record<string, unknown>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`webhook unreachable: ${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message}`);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.ok) return;
  const failure = `webhook answered ${response.status}`;
  if (response.status === 429 || response.status >= 500) throw new Error(failure);
  throw new PermanentJobError(failure);
}
