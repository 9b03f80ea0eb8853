// The payload encryption the tests run with, decided here once: a fixed test key (committed, it guards
// nothing), the same for the clients and workers tests build and for the processes tests start.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { dataConverterFor } from '../../codec/data-converter';
import { readPayloadCodecSettings } from '../../codec/settings';

export const TEST_PAYLOAD_CODEC_KEYS = 'test-key-1:yKY4yNqwjgbm5KZPmxWbZ1dCVNpf7hE9H1yzeSkWqt8=';

/** For child processes (worker, receiver, CLI): the variables that give them the test key. */
export const TEST_CODEC_ENV = { PAYLOAD_CODEC_KEYS: TEST_PAYLOAD_CODEC_KEYS } as const;

export const TEST_PAYLOAD_CODEC = readPayloadCodecSettings(TEST_CODEC_ENV);

/** For in-process clients and workers. */
export const testDataConverter = dataConverterFor(TEST_PAYLOAD_CODEC);

/** The environment minus any payload settings of the machine running the tests. */
export function withoutPayloadSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('PAYLOAD_CODEC')));
}

/** A payload as stored (say, a history's workflow input), decrypted with the test key and read as JSON. */
export async function readStoredPayload(payload: Payload | null | undefined): Promise<unknown> {
  if (!payload) throw new Error('no payload');
  let decoded = [payload];
  for (const codec of [...(testDataConverter.payloadCodecs ?? [])].reverse()) decoded = await codec.decode(decoded);
  return defaultPayloadConverter.fromPayload(decoded[0]);
}
