// The codec server: POST /encode and /decode as the Temporal Web UI (from the operator's browser) and the
// Temporal CLI (--codec-endpoint) call them. Browsers are let in from the UI's origins only; a bearer
// token is required unless the server listens on loopback alone (npm start).
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from '../logging/logger';
import { readBoundedBody } from '../webhooks/request-body';
import { PayloadDecryptionError } from '../codec/encryption-codec';
import { isLoopbackHost } from '../codec/loopback';
import { payloadsBody, readPayloadsBody } from './payload-json';

export const DEFAULT_CODEC_SERVER_PORT = 8888;
/** A page of history holds many payloads, each up to Temporal's 2 MB blob limit. */
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
const ALLOWED_HEADERS = 'content-type, x-namespace, authorization, authorization-extras';

export interface CodecServerOptions {
  codec: PayloadCodec;
  logger: Logger;
  /** Browser origins allowed to call, e.g. "http://localhost:8233"; requests naming another are refused. */
  allowedOrigins: readonly string[];
  /** Required as `Authorization: Bearer <token>`; may be left out only when `host` is a loopback address. */
  token?: string;
  /** Default 8888; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  maxBodyBytes?: number;
}

export interface CodecServer {
  /** The endpoint to give the UI and CLI, e.g. http://127.0.0.1:8888. */
  url: string;
  port: number;
  close(): Promise<void>;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time: the comparison does not tell how much of a guess was right. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), expected);
}

function write(response: ServerResponse, reply: Reply, cors: Record<string, string>): void {
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...cors,
    ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
    ...reply.headers,
  });
  response.end(body);
}

export async function createCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  const host = options.host ?? '127.0.0.1';
  if (!options.token && !isLoopbackHost(host)) {
    throw new Error(`the codec server listens on ${host}: it needs a bearer token (CODEC_SERVER_TOKEN)`);
  }
  const { codec, logger } = options;
  const origins = new Set(options.allowedOrigins);
  const token = options.token ? digest(options.token) : undefined;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function answer(request: IncomingMessage, operation: 'encode' | 'decode'): Promise<Reply> {
    if (request.method !== 'POST') return { status: 405, body: { error: 'use POST' }, headers: { allow: 'POST' } };
    if (token && !bearerMatches(request.headers.authorization, token)) {
      return {
        status: 401,
        body: { error: 'a bearer token is required (Authorization: Bearer <CODEC_SERVER_TOKEN>)' },
        headers: { 'www-authenticate': 'Bearer realm="codec"' },
      };
    }
    const read = await readBoundedBody(request, maxBodyBytes);
    if (read.kind === 'too_large') return { status: 413, body: { error: `body over ${maxBodyBytes} bytes` } };
    if (read.kind === 'aborted') return { status: 400, body: { error: 'the body did not arrive' } };
    let json: unknown;
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'the body is not JSON' } };
    }
    const body = readPayloadsBody(json);
    if (!body.ok) return { status: 400, body: { error: body.problem } };
    try {
      const payloads = operation === 'encode' ? await codec.encode(body.payloads) : await codec.decode(body.payloads);
      logger.debug({ operation, payloads: payloads.length }, 'codec request answered');
      return { status: 200, body: payloadsBody(payloads) };
    } catch (error) {
      if (!(error instanceof PayloadDecryptionError)) throw error;
      logger.warn({ operation, keyId: error.keyId }, error.message);
      return { status: 400, body: { error: error.message } };
    }
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const origin = request.headers.origin;
    // Any browser page may send a request; only the UI's pages may read the answer or get one at all.
    if (origin !== undefined && !origins.has(origin)) {
      logger.warn({ origin }, 'codec request from an origin that is not allowed');
      return write(response, { status: 403, body: { error: `origin ${origin} is not allowed` } }, {});
    }
    const cors: Record<string, string> =
      origin === undefined
        ? {}
        : { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
    if (request.method === 'OPTIONS') {
      const privateNetwork = request.headers['access-control-request-private-network'] === 'true';
      return write(
        response,
        {
          status: 204,
          headers: {
            'access-control-allow-methods': 'POST, OPTIONS',
            'access-control-allow-headers': ALLOWED_HEADERS,
            'access-control-max-age': '600',
            // A UI on a public origin (Temporal Cloud) calling a codec server on the operator's own machine.
            ...(privateNetwork ? { 'access-control-allow-private-network': 'true' } : {}),
          },
        },
        cors,
      );
    }
    const path = new URL(request.url ?? '/', 'http://codec').pathname;
    // The CLI's --codec-endpoint may carry a prefix such as /{namespace}: match on the last segment.
    const operation = path.endsWith('/encode') ? 'encode' : path.endsWith('/decode') ? 'decode' : undefined;
    if (!operation) return write(response, { status: 404, body: { error: 'POST /encode or /decode' } }, cors);
    write(response, await answer(request, operation), cors);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      logger.error({ error: error instanceof Error ? error.message : String(error) }, 'codec server failed a request');
      if (!response.headersSent) write(response, { status: 500, body: { error: 'internal error' } }, {});
      else response.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? DEFAULT_CODEC_SERVER_PORT, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  logger.info({ url, origins: [...origins], bearerTokenRequired: token !== undefined }, 'codec server listening');
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
