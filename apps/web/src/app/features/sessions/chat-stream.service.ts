import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChatDoneEvent } from '@resolutionflow/contracts';

import { ApiError, toApiError } from '../../core/api/api-error';
import { messageForError, NETWORK_ERROR } from '../../core/api/error-messages';
import { AuthorizedFetch } from '../../core/live/authorized-fetch.service';
import { SseParser } from '../../core/live/sse-parser';

function networkError(cause?: unknown, message = messageForError(NETWORK_ERROR)): ApiError {
  return new ApiError(0, NETWORK_ERROR, message, undefined, { cause });
}

/** The API's error envelope (or whatever came instead) as an ApiError, like HttpClient failures. */
function errorFrom(status: number, body: unknown): ApiError {
  return toApiError(new HttpErrorResponse({ status, error: body }));
}

async function bodyOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export interface ChatListener {
  /** The API took the message: it is stored, whatever happens to the reply from here on. */
  readonly onAccepted?: () => void;
  /** Each piece of the reply as it is written. */
  readonly onDelta: (text: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * Sends a message to a session's assistant and reads the reply as it is written
 * (`POST /ai-sessions/{id}/messages` with `Accept: text/event-stream`).
 */
@Injectable({ providedIn: 'root' })
export class ChatStream {
  private readonly http = inject(AuthorizedFetch);

  /** Resolves with the ids of the stored steps. */
  async send(sessionId: string, content: string, { onAccepted, onDelta, signal }: ChatListener): Promise<ChatDoneEvent> {
    let response: Response;
    try {
      response = await this.http.fetch(`/ai-sessions/${sessionId}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({ content }),
        signal,
      });
    } catch (error) {
      throw networkError(error);
    }
    if (!response.ok) throw errorFrom(response.status, await bodyOf(response));
    onAccepted?.();
    if (!response.body) throw networkError();

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw networkError(error, 'The connection dropped while the assistant was answering. Your message is saved; reload to see the reply.');
        }
        if (chunk.done) break;
        for (const message of parser.push(decoder.decode(chunk.value, { stream: true }))) {
          const data: unknown = JSON.parse(message.data);
          if (message.event === 'delta') onDelta((data as { text: string }).text);
          else if (message.event === 'done') return data as ChatDoneEvent;
          else if (message.event === 'error') throw errorFrom((data as { statusCode?: number }).statusCode ?? 500, data);
        }
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
    throw networkError(undefined, 'The reply was cut off. Your message is saved; reload to see whether the assistant answered.');
  }
}
