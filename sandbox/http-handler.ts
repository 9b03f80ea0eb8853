// From a raw HTTP request to the engine and back: the body read on demand, a dropped answer as a
// destroyed socket.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxEngine } from './engine';
import { bodyText, gatewayError, json, type SandboxResponse } from './responses';

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
  const body = bodyText(answer);
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

export function createRequestHandler(engine: SandboxEngine) {
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    } catch {
      write(response, gatewayError(400, 'Unreadable request target'));
      return;
    }
    const answer = await engine.serve({
      method: (request.method ?? 'GET').toUpperCase(),
      url,
      headers: request.headers,
      body: () => bodyOf(request),
    });
    if ('dropped' in answer) request.socket.destroy();
    else write(response, answer.response);
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch(() => {
      // A bug in the sandbox, or a client that vanished mid-request: answer if still possible.
      if (!response.headersSent && !response.destroyed) write(response, json(500, { error: 'sandbox failure' }));
      else response.destroy();
    });
  };
}
