// From a raw HTTP request to an answer: admin surface, injected faults, then the Lumen API itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, serveAdmin, type SandboxParts } from './admin';
import { serveApi } from './api';
import { faultResponse } from './faults';
import { gatewayError, json, type SandboxResponse } from './responses';
import type { Timers } from './timers';

const BODY_LIMIT_BYTES = 1_000_000;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > BODY_LIMIT_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

/** The body as text, or the 413 to answer when it is over the limit. */
async function bodyOf(request: IncomingMessage): Promise<string | SandboxResponse> {
  try {
    return await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return gatewayError(413, `Request body over ${BODY_LIMIT_BYTES} bytes`);
  }
}

function write(response: ServerResponse, answer: SandboxResponse): void {
  if (response.destroyed || response.headersSent) return;
  const body =
    answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function createRequestHandler(parts: SandboxParts, timers: Timers) {
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = new Date().toISOString();
    const method = (request.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    } catch {
      write(response, gatewayError(400, 'Unreadable request target'));
      return;
    }
    const path = url.pathname;
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      const body = await bodyOf(request);
      write(response, typeof body === 'string' ? serveAdmin(method, path, url.searchParams, body, parts) : body);
      return;
    }

    const log = (status: number, faultKind?: string) =>
      parts.store.logRequest({
        at: arrivedAt,
        method,
        path,
        query: url.search,
        status,
        ...(headerText(request.headers['x-customer-number'])
          ? { customerNumber: headerText(request.headers['x-customer-number']) }
          : {}),
        ...(faultKind ? { fault: faultKind } : {}),
      });

    const fault = parts.faults.take(method, path);
    if (fault?.latencyMs) await timers.sleep(fault.latencyMs);
    if (fault?.kind === 'reset-before') {
      log(0, fault.kind);
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'status' || fault?.kind === 'rate-limit') {
      const answer = faultResponse(fault);
      log(answer.status, fault.kind);
      write(response, answer);
      return;
    }

    const rawBody = await bodyOf(request);
    if (typeof rawBody !== 'string') {
      log(rawBody.status);
      write(response, rawBody);
      return;
    }
    const answer = serveApi(
      { method, path, query: url.searchParams, headers: request.headers, rawBody },
      { store: parts.store, lifecycle: parts.lifecycle },
    );
    if (fault?.kind === 'reset-after') {
      log(0, fault.kind);
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'status-after') {
      // Applied behind the gateway, but the caller only hears the gateway's error.
      const lost = faultResponse(fault);
      log(lost.status, fault.kind);
      write(response, lost);
      return;
    }
    log(answer.status, fault?.kind);
    write(response, answer);
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch(() => {
      // A bug in the sandbox, or a client that vanished mid-request: answer if still possible.
      if (!response.headersSent && !response.destroyed) write(response, json(500, { error: 'sandbox failure' }));
      else response.destroy();
    });
  };
}
