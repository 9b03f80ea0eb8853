// A tiny Lumen stand-in on 127.0.0.1 for tests that need exact control over one answer: each test says
// what a route replies, and every request that arrived is recorded.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const STUB_KEY = 'stub-consumer-key';
export const STUB_SECRET = 'stub-consumer-secret-Zx9';
export const STUB_BASIC = `Basic ${Buffer.from(`${STUB_KEY}:${STUB_SECRET}`).toString('base64')}`;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export type StubReply =
  | {
      status?: number;
      headers?: Record<string, string>;
      json?: unknown;
      text?: string;
      /** Wait before the headers. */
      delayMs?: number;
      /** Send the headers and half the body, then wait before the rest. */
      bodyDelayMs?: number;
    }
  /** Destroy the socket once the request has been read. */
  | 'reset'
  /** Never answer. */
  | 'hang';

export type StubRoute = (request: RecordedRequest) => StubReply | Promise<StubReply>;

export interface StubLumen {
  url: string;
  requests: RecordedRequest[];
  /** Requests to one route, "GET /Network/v1/provider". */
  requestsTo(route: string): RecordedRequest[];
  on(route: string, reply: StubRoute | StubReply): void;
  /** Tokens issued so far; API routes accept any of them unless revoked. */
  tokens: string[];
  revoke(token: string): void;
  close(): Promise<void>;
}

export async function startStubLumen(): Promise<StubLumen> {
  const routes = new Map<string, StubRoute>();
  const requests: RecordedRequest[] = [];
  const tokens: string[] = [];
  const revoked = new Set<string>();
  const sockets = new Set<Socket>();

  routes.set('POST /oauth/v2/token', (request) => {
    if (request.headers.authorization !== STUB_BASIC) {
      return { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    const token = `stub-token-${tokens.length + 1}-QmFyZm9v`;
    tokens.push(token);
    return { json: { access_token: token, token_type: 'Bearer', issued_at: String(Date.now()), expires_in: '1799' } };
  });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      void answer(request, res, req.socket);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(request: RecordedRequest, res: ServerResponse, socket: Socket): Promise<void> {
    const key = `${request.method} ${request.path}`;
    const route = routes.get(key);
    if (!route) return send(res, { status: 404, json: { code: '404', message: `no stub route for ${key}` } });
    if (!request.path.endsWith('/oauth/v2/token') && !authorised(request)) {
      return send(res, { status: 401, json: { code: '401', reason: 'Unauthorized', message: 'Invalid access token' } });
    }
    const reply = await route(request);
    if (reply === 'hang') return;
    if (reply === 'reset') return void socket.destroy();
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    send(res, reply);
  }

  function authorised(request: RecordedRequest): boolean {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return token !== undefined && tokens.includes(token) && !revoked.has(token);
  }

  function send(res: ServerResponse, reply: Exclude<StubReply, string>): void {
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    const headers: Record<string, string> = { 'content-type': 'application/json', ...reply.headers };
    res.writeHead(reply.status ?? 200, headers);
    if (!reply.bodyDelayMs) return void res.end(text);
    const half = Math.floor(text.length / 2);
    res.write(text.slice(0, half));
    setTimeout(() => res.end(text.slice(half)), reply.bodyDelayMs);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (route) => requests.filter((request) => `${request.method} ${request.path}` === route),
    on(route, reply) {
      routes.set(route, typeof reply === 'function' ? reply : () => reply);
    },
    tokens,
    revoke: (token) => void revoked.add(token),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 26, 12)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Collects log lines so a test can check none carries a secret. */
export function recordingLogger() {
  const lines: string[] = [];
  const write = (fields: object, message: string) => void lines.push(JSON.stringify({ ...fields, message }));
  return { lines, debug: write, warn: write };
}
