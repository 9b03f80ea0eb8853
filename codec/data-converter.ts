// The data converter every Temporal client and worker of the project uses, from its payload settings.
import type { DataConverter } from '@temporalio/common';
import type { PayloadCodecSettings } from './settings';
import { EncryptionCodec } from './encryption-codec';

/** Module path of the failure converter that moves failure messages into (encrypted) payloads. */
export const ENCODED_FAILURES_PATH = require.resolve('./failure-converter');

/** Encrypted payloads and failure messages, or Temporal's defaults when encryption is off. */
export function dataConverterFor(settings: PayloadCodecSettings): DataConverter {
  if (settings.encryption === 'off') return {};
  return { payloadCodecs: [new EncryptionCodec(settings.keys)], failureConverterPath: ENCODED_FAILURES_PATH };
}
