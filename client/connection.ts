// Connects to Temporal from the same settings the Temporal CLI reads (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
// TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE and its TOML file), so operators configure one thing,
// with the payload encryption of PAYLOAD_CODEC_KEYS (or npm start's key, for a server on this machine).
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { dataConverterFor } from '../codec/data-converter';
import { localKeyFileFor } from '../codec/local-key-file';
import { readPayloadCodecSettings, type PayloadCodecSettings } from '../codec/settings';
import { DEFAULT_TASK_QUEUE } from '../domain/names';
import { TemporalUnavailableError } from './errors';

export type Environment = Record<string, string | undefined>;

export const DEFAULT_ADDRESS = 'localhost:7233';
export const DEFAULT_NAMESPACE = 'default';

export interface TemporalConnection {
  client: Client;
  connection: Connection;
  address: string;
  namespace: string;
  /** TEMPORAL_TASK_QUEUE or lumen-iod: where provisionings are started. */
  taskQueue: string;
  payloadCodec: PayloadCodecSettings;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** How long to wait for the frontend before giving up; an operator's shell should not hang. */
  connectTimeoutMs?: number;
}

/** The task queue provisionings run on: TEMPORAL_TASK_QUEUE or lumen-iod. */
export function taskQueueFrom(env: Environment): string {
  return env.TEMPORAL_TASK_QUEUE?.trim() || DEFAULT_TASK_QUEUE;
}

function definedOnly(env: Environment): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export async function connectTemporal(
  env: Environment = process.env,
  options: ConnectOptions = {},
): Promise<TemporalConnection> {
  const fallbackAddress = env.TEMPORAL_ADDRESS ?? DEFAULT_ADDRESS;
  let config: ReturnType<typeof loadClientConnectConfig>;
  try {
    config = loadClientConnectConfig({ overrideEnvVars: definedOnly(env) });
  } catch (error) {
    throw new TemporalUnavailableError(fallbackAddress, `cannot read the connection settings: ${String(error)}`, {
      cause: error,
    });
  }
  const { apiKey, tls, metadata } = config.connectionOptions;
  const address = config.connectionOptions.address ?? DEFAULT_ADDRESS;
  const namespace = config.namespace ?? DEFAULT_NAMESPACE;
  // Before connecting: a client that could not read what it gets back is refused at once.
  const payloadCodec = readPayloadCodecSettings(env, { fallbackKeyFile: localKeyFileFor(address) });
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address,
      apiKey,
      tls,
      metadata,
      connectTimeout: options.connectTimeoutMs ?? 5_000,
    });
  } catch (error) {
    throw new TemporalUnavailableError(address, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const client = new Client({ connection, namespace, dataConverter: dataConverterFor(payloadCodec) });
  return {
    client,
    connection,
    address,
    namespace,
    taskQueue: taskQueueFrom(env),
    payloadCodec,
    close: () => connection.close(),
  };
}
