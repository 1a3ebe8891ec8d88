import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { InternalAddressError, isInternalAddress, publicAddressLookup } from '../../../core/security/internal-address.js';

const TIMEOUT_MS = 10_000;

/**
 * A failed post. `message` is safe to show whoever set the webhook: the HTTP status at most,
 * never why the network refused; `detail` says more, for the operator's logs and delivery records.
 */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    /** Network failures, timeouts, 429 and 5xx may pass on a retry; any other refusal (bad or deleted webhook) will not. */
    readonly retryable: boolean,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

const unreachable = (detail: string, retryable = true) => new WebhookDeliveryError('The webhook could not be reached', retryable, detail);

export interface PostOptions {
  /** Refuse to connect to an internal address, whatever the URL's name resolves to at the time. */
  publicOnly: boolean;
}

/**
 * Posts to a Slack or Teams incoming webhook. Redirects are not followed: the URL is a provider's
 * webhook endpoint, and a hop elsewhere could lead inside our network.
 */
export async function postToWebhook(url: string, payload: Record<string, unknown>, options: PostOptions): Promise<void> {
  const target = new URL(url);
  // Node does not look IP literals up, so those are checked here; names are checked at connect.
  if (options.publicOnly && isInternalAddress(target.hostname.replace(/^\[|\]$/g, ''))) {
    throw unreachable(`${target.hostname} is an internal address`, false);
  }
  const status = await send(target, JSON.stringify(payload), options);
  if (status >= 200 && status < 300) return;
  if (status >= 300 && status < 400) {
    throw new WebhookDeliveryError(`The webhook answered with a redirect (HTTP ${status}), which is not followed`, false);
  }
  throw new WebhookDeliveryError(`The webhook answered HTTP ${status}`, status === 429 || status >= 500);
}

function send(target: URL, body: string, options: PostOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        ...(options.publicOnly ? { lookup: publicAddressLookup } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (response) => {
        // Only the status matters; the body is never read, so a slow or endless one cannot hold us.
        response.destroy();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof InternalAddressError) {
        reject(unreachable(error.message, false));
      } else {
        reject(unreachable(error.name === 'AbortError' ? `no answer within ${TIMEOUT_MS} ms` : (error.code ?? error.message)));
      }
    });
    request.end(body);
  });
}
