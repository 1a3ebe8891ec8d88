import { z } from 'zod';

/** Every ConnectWise Manage REST path hangs under this, on the site's API host. */
export const CONNECTWISE_API_PATH = '/v4_6_release/apis/3.0';
/** ConnectWise refuses longer ticket summaries. */
export const SUMMARY_MAX_LENGTH = 100;

export interface ConnectWiseCredentials {
  siteUrl: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

/**
 * A failed ConnectWise call. `retryable` is true for what may pass later (network, timeout, 5xx,
 * 429, 408); a 4xx answer is the request's fault and will fail the same way again.
 */
export class ConnectWiseError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectWiseError';
  }
}

const referenceSchema = z.object({ id: z.number().optional(), name: z.string().optional(), identifier: z.string().optional() }).nullish();

const ticketSchema = z.object({
  id: z.number().int(),
  summary: z.string().default(''),
  status: referenceSchema,
  board: referenceSchema,
  company: referenceSchema,
});
export type ConnectWiseTicket = z.infer<typeof ticketSchema>;

const systemInfoSchema = z.object({ version: z.string().optional() });

export interface NewConnectWiseTicket {
  summary: string;
  initialDescription: string;
  boardId?: number | null;
  statusId?: number | null;
  companyIdentifier?: string | null;
}

/** One line of at most 100 characters, as ConnectWise requires of a summary. */
export function fitSummary(summary: string): string {
  const line = summary.replace(/\s+/g, ' ').trim();
  return line.length <= SUMMARY_MAX_LENGTH ? line : `${line.slice(0, SUMMARY_MAX_LENGTH - 1).trimEnd()}…`;
}

/** A string literal for a `conditions` expression: backslashes and double quotes escaped, line breaks flattened. */
export function conditionLiteral(value: string): string {
  const escaped = value
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"');
  return `"${escaped}"`;
}

/** The `conditions` of a ticket search: summary contains `search`, or the ticket number is it. */
export function ticketSearchConditions(search: string): string {
  const byText = `summary like ${conditionLiteral(`%${search}%`)}`;
  const isTicketNumber = /^[1-9][0-9]{0,9}$/.test(search) && Number(search) <= 2_147_483_647;
  return isTicketNumber ? `(${byText} or id = ${search})` : byText;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * A ConnectWise Manage REST client for one account's credentials: JSON over the global fetch,
 * `Basic base64(company+publicKey:privateKey)` plus the integration's `clientId` header, and a
 * hard timeout on every call so a slow PSA cannot hold a request or a worker.
 */
export class ConnectWiseClient {
  private readonly base: string;
  private readonly authorization: string;

  constructor(
    private readonly credentials: ConnectWiseCredentials,
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = `${credentials.siteUrl.replace(/\/+$/, '')}${CONNECTWISE_API_PATH}`;
    const login = `${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`;
    this.authorization = `Basic ${Buffer.from(login, 'utf8').toString('base64')}`;
  }

  /** The cheapest authenticated call: proves the address, the keys and the clientId. */
  async systemInfo(): Promise<{ version: string | null }> {
    const info = systemInfoSchema.safeParse(await this.request('GET', '/system/info'));
    if (!info.success) throw new ConnectWiseError('ConnectWise answered /system/info in an unexpected shape; check the site URL', 200, false);
    return { version: info.data.version ?? null };
  }

  async createTicket(ticket: NewConnectWiseTicket): Promise<ConnectWiseTicket> {
    const body: Record<string, unknown> = {
      summary: fitSummary(ticket.summary),
      initialDescription: ticket.initialDescription,
    };
    // Left out, ConnectWise falls back to the API member's defaults for board, status and company.
    if (ticket.boardId) body.board = { id: ticket.boardId };
    if (ticket.statusId) body.status = { id: ticket.statusId };
    if (ticket.companyIdentifier) body.company = { identifier: ticket.companyIdentifier };
    return this.parseTicket(await this.request('POST', '/service/tickets', { body }));
  }

  /** Adds a note shown on the ticket's discussion (not internal analysis). */
  async addNote(ticketId: string, text: string): Promise<void> {
    await this.request('POST', `/service/tickets/${encodeURIComponent(ticketId)}/notes`, {
      body: { text, detailDescriptionFlag: true, internalAnalysisFlag: false },
    });
  }

  /** Null when ConnectWise has no such ticket. */
  async getTicket(ticketId: string): Promise<ConnectWiseTicket | null> {
    try {
      return this.parseTicket(await this.request('GET', `/service/tickets/${encodeURIComponent(ticketId)}`));
    } catch (error) {
      if (error instanceof ConnectWiseError && error.status === 404) return null;
      throw error;
    }
  }

  async searchTickets(search: string | undefined, limit: number): Promise<ConnectWiseTicket[]> {
    const query: Record<string, string> = {
      orderBy: 'id desc',
      pageSize: String(limit),
      fields: 'id,summary,status/name,board/name,company/name,company/identifier',
    };
    if (search) query.conditions = ticketSearchConditions(search);
    const answer = await this.request('GET', '/service/tickets', { query });
    const list = z.array(z.unknown()).safeParse(answer);
    if (!list.success) throw new ConnectWiseError('ConnectWise answered a ticket search with something other than a list', 200, false);
    return list.data.map((item) => this.parseTicket(item));
  }

  private parseTicket(value: unknown): ConnectWiseTicket {
    const parsed = ticketSchema.safeParse(value);
    if (!parsed.success) throw new ConnectWiseError('ConnectWise answered with a ticket in an unexpected shape', 200, false);
    return parsed.data;
  }

  private async request(method: string, path: string, options: { query?: Record<string, string>; body?: unknown } = {}): Promise<unknown> {
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {
      authorization: this.authorization,
      clientId: this.credentials.clientId,
      accept: 'application/json',
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
        // A redirect means the address is not the API host; following it could send the keys elsewhere.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new ConnectWiseError(`ConnectWise did not answer within ${this.timeoutMs} ms`, null, true, { cause: error });
      }
      throw new ConnectWiseError(`Could not reach ConnectWise at ${url.host} (${describeCause(error)})`, null, true, { cause: error });
    }

    if (response.status >= 300 && response.status < 400) {
      throw new ConnectWiseError(
        `ConnectWise answered with a redirect (${response.status}); the site URL must be the API address, e.g. https://api-na.myconnectwise.net`,
        response.status,
        false,
      );
    }
    if (!response.ok) throw this.failure(response.status, text);
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new ConnectWiseError('ConnectWise answered with something other than JSON; check the site URL', response.status, false);
    }
  }

  private failure(status: number, text: string): ConnectWiseError {
    let detail = '';
    try {
      const message = (JSON.parse(text) as { message?: unknown }).message;
      if (typeof message === 'string') detail = `: ${message.slice(0, 300)}`;
    } catch {
      // Not JSON: the status alone says enough.
    }
    const retryable = status >= 500 || status === 429 || status === 408;
    const what =
      status === 401
        ? 'ConnectWise rejected the credentials (401)'
        : status === 403
          ? 'The ConnectWise API member is not allowed to do this (403)'
          : `ConnectWise answered ${status}`;
    return new ConnectWiseError(`${what}${detail}`, status, retryable);
  }
}
