// The payload encryption of the encrypted histories: the committed key in payload-codec.keys.
import path from 'node:path';
import { readPayloadCodecSettings } from '../../codec/settings';

export const HISTORY_KEY_FILE = path.join(__dirname, 'payload-codec.keys');

export const HISTORY_PAYLOAD_CODEC = readPayloadCodecSettings({ PAYLOAD_CODEC_KEY_FILE: HISTORY_KEY_FILE });
