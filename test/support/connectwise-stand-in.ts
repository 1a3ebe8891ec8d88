import { randomBytes } from 'node:crypto';
import { HttpStandIn, type RecordedRequest, type StandInFault, type StandInResponse } from './http-stand-in.js';

const API = '/v4_6_release/apis/3.0';

interface Reference {
  id: number;
  name: string;
}

export interface StandInTicket {
  id: number;
  summary: string;
  initialDescription: string;
  status: Reference;
  board: Reference;
  company: Reference & { identifier: string };
}

export interface StandInNote {
  id: number;
  ticketId: number;
  text: string;
  detailDescriptionFlag: boolean;
  internalAnalysisFlag: boolean;
}

/** What the API member signs in with; `connectionSettings()` turns it into a PSA connection request. */
export interface StandInCredentials {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

const error = (status: number, code: string, message: string): StandInResponse => ({ status, body: { code, message } });

/** Reads one `"…"` literal of a conditions string, honouring `\"` and `\\`; null when it is not well formed. */
function readLiteral(source: string, start: number): { value: string; end: number } | null {
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next !== '"' && next !== '\\') return null;
      value += next;
      i++;
    } else if (c === '"') {
      return { value, end: i + 1 };
    } else {
      value += c;
    }
  }
  return null;
}

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'paren'; value: string };

function tokenize(conditions: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < conditions.length) {
    const c = conditions[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '=') {
      tokens.push({ kind: c === '=' ? 'op' : 'paren', value: c });
      i++;
    } else if (c === '"') {
      const literal = readLiteral(conditions, i);
      if (!literal) return null;
      tokens.push({ kind: 'string', value: literal.value });
      i = literal.end;
    } else {
      const word = /^[A-Za-z0-9_/]+/.exec(conditions.slice(i))?.[0];
      if (!word) return null;
      tokens.push({ kind: /^\d+$/.test(word) ? 'number' : 'word', value: word });
      i += word.length;
    }
  }
  return tokens;
}

type Predicate = (ticket: StandInTicket) => boolean;

/** The subset of ConnectWise's conditions language the product sends: `summary like "…"`, `id = n`, and/or, parentheses. */
function parseConditions(conditions: string): Predicate | null {
  const tokens = tokenize(conditions);
  if (!tokens) return null;
  let at = 0;
  const comparison = (): Predicate | null => {
    const token = tokens[at];
    if (token?.kind === 'paren' && token.value === '(') {
      at++;
      const inner = expression();
      if (tokens[at]?.value !== ')') return null;
      at++;
      return inner;
    }
    const [field, op, operand] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    at += 3;
    if (field?.value === 'summary' && op?.value.toLowerCase() === 'like' && operand?.kind === 'string') {
      const pattern = operand.value.split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      const regex = new RegExp(`^${pattern}$`, 'is');
      return (t) => regex.test(t.summary);
    }
    if (field?.value === 'id' && op?.value === '=' && operand?.kind === 'number') {
      const id = Number(operand.value);
      return (t) => t.id === id;
    }
    return null;
  };
  const expression = (): Predicate | null => {
    let left = comparison();
    while (left && tokens[at]?.kind === 'word' && /^(or|and)$/i.test(tokens[at]!.value)) {
      const joiner = tokens[at]!.value.toLowerCase();
      at++;
      const right = comparison();
      if (!right) return null;
      const l = left;
      left = joiner === 'or' ? (t) => l(t) || right(t) : (t) => l(t) && right(t);
    }
    return left;
  };
  const predicate = expression();
  return predicate && at === tokens.length ? predicate : null;
}

/**
 * A local ConnectWise Manage REST API for tests, speaking the shapes the product uses: Basic auth
 * `company+publicKey:privateKey` plus the `clientId` header (401 otherwise), `/system/info`, service
 * tickets (create, get, search by `conditions`) and their notes. `failNext(status)` makes the next
 * calls fail, `setFault('hang' | 'refuse')` breaks the network; every request is kept in `requests`.
 */
export class ConnectWiseStandIn {
  readonly tickets: StandInTicket[] = [];
  readonly notes: StandInNote[] = [];
  readonly credentials: StandInCredentials;
  private readonly server: HttpStandIn;
  private readonly failures: number[] = [];
  private nextTicketId: number;
  private nextNoteId = 1;

  constructor(credentials: Partial<StandInCredentials> = {}, options: { firstTicketId?: number } = {}) {
    this.credentials = {
      companyId: credentials.companyId ?? 'msp_test',
      publicKey: credentials.publicKey ?? randomBytes(8).toString('hex'),
      privateKey: credentials.privateKey ?? randomBytes(8).toString('hex'),
      clientId: credentials.clientId ?? '00000000-0000-4000-8000-000000000001',
    };
    this.nextTicketId = options.firstTicketId ?? 1000;
    this.server = new HttpStandIn((request) => this.handle(request));
  }

  /** The site URL to save in a PSA connection. */
  get url(): string {
    return this.server.url;
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  start(): Promise<void> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The body of `PUT /psa/connection` for this stand-in; override any field. */
  connectionSettings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { siteUrl: this.url, ...this.credentials, ...overrides };
  }

  /** Network-level faults: `refuse` closes the port, `hang` never answers, `none` recovers. */
  setFault(fault: StandInFault): Promise<void> {
    return this.server.setFault(fault);
  }

  /** The next `times` API calls answer `status` (a ConnectWise-style error body). */
  failNext(status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(status);
  }

  addTicket(fields: Partial<Omit<StandInTicket, 'id'>> & { summary: string }): StandInTicket {
    const ticket: StandInTicket = {
      id: this.nextTicketId++,
      initialDescription: '',
      status: { id: 1, name: 'New' },
      board: { id: 1, name: 'Service Desk' },
      company: { id: 250, identifier: 'Catchall', name: 'Catchall' },
      ...fields,
    };
    this.tickets.push(ticket);
    return ticket;
  }

  async waitForNote(predicate: (note: StandInNote) => boolean, timeoutMs = 10_000): Promise<StandInNote> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notes.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching note within ${timeoutMs} ms (${this.notes.length} received)`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private authorized(request: RecordedRequest): boolean {
    const { companyId, publicKey, privateKey, clientId } = this.credentials;
    const expected = `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`;
    return request.headers.authorization === expected && request.headers.clientid === clientId;
  }

  private handle(request: RecordedRequest): StandInResponse {
    if (!request.path.startsWith(`${API}/`)) return error(404, 'NotFound', 'Not the ConnectWise API path');
    if (!this.authorized(request)) return error(401, 'Unauthorized', 'Invalid credentials or clientId');
    const failure = this.failures.shift();
    if (failure !== undefined) return error(failure, failure >= 500 ? 'ServerError' : 'InvalidObject', `Stand-in failure ${failure}`);

    const route = `${request.method} ${request.path.slice(API.length)}`;
    let match: RegExpExecArray | null;
    if (route === 'GET /system/info') return { body: { version: 'v2025.1.10431', isCloud: true, cloudRegion: 'NA' } };
    if (route === 'POST /service/tickets') return this.createTicket(request.body as Record<string, any>);
    if (route === 'GET /service/tickets') return this.searchTickets(request.query);
    if ((match = /^GET \/service\/tickets\/(\d+)$/.exec(route))) {
      const ticket = this.find(Number(match[1]));
      return ticket ? { body: ticket } : error(404, 'NotFound', `Ticket ${match[1]} not found`);
    }
    if ((match = /^POST \/service\/tickets\/(\d+)\/notes$/.exec(route))) return this.addNote(Number(match[1]), request.body as Record<string, any>);
    return error(404, 'NotFound', `No route ${route}`);
  }

  private find(id: number): StandInTicket | undefined {
    return this.tickets.find((t) => t.id === id);
  }

  private createTicket(body: Record<string, any> | undefined): StandInResponse {
    const summary = body?.summary;
    if (typeof summary !== 'string' || !summary.trim() || summary.length > 100) {
      return error(400, 'InvalidObject', 'summary is required and may not exceed 100 characters');
    }
    const ticket = this.addTicket({
      summary,
      initialDescription: typeof body?.initialDescription === 'string' ? body.initialDescription : '',
      ...(body?.board?.id ? { board: { id: body.board.id, name: `Board ${body.board.id}` } } : {}),
      ...(body?.status?.id ? { status: { id: body.status.id, name: `Status ${body.status.id}` } } : {}),
      ...(body?.company?.identifier ? { company: { id: 251, identifier: body.company.identifier, name: body.company.identifier } } : {}),
    });
    return { status: 201, body: ticket };
  }

  private searchTickets(query: URLSearchParams): StandInResponse {
    const conditions = query.get('conditions');
    const predicate = conditions ? parseConditions(conditions) : () => true;
    if (!predicate) return error(400, 'InvalidObject', `conditions could not be parsed: ${conditions}`);
    const pageSize = Number(query.get('pageSize') ?? 25);
    const ordered = [...this.tickets].sort((a, b) => (query.get('orderBy') === 'id desc' ? b.id - a.id : a.id - b.id));
    return { body: ordered.filter(predicate).slice(0, pageSize) };
  }

  private addNote(ticketId: number, body: Record<string, any> | undefined): StandInResponse {
    if (!this.find(ticketId)) return error(404, 'NotFound', `Ticket ${ticketId} not found`);
    if (typeof body?.text !== 'string' || !body.text) return error(400, 'InvalidObject', 'text is required');
    const note: StandInNote = {
      id: this.nextNoteId++,
      ticketId,
      text: body.text,
      detailDescriptionFlag: body.detailDescriptionFlag === true,
      internalAnalysisFlag: body.internalAnalysisFlag === true,
    };
    this.notes.push(note);
    return { status: 201, body: note };
  }
}
