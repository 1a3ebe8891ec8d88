import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_STREAM_TICKET = 'rf:acceptsStreamTicket';

/**
 * The route also authenticates with `?ticket=` — a short-lived stream ticket — for EventSource
 * clients, which cannot send an Authorization header. Fetch-based clients use the bearer header.
 */
export const AcceptsStreamTicket = () => SetMetadata(ACCEPTS_STREAM_TICKET, true);
