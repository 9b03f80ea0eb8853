// npm start's own key: made once under .temporal/ (ignored by git), kept across restarts, and found by
// the CLI and the demo of the same checkout when they talk to a Temporal server on this machine.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatKey, KEY_BYTES } from './keys';
import { hostOf, isLoopbackHost } from './loopback';

/** The checkout (or installed package) this code belongs to, from sources or from dist/ alike. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export const LOCAL_KEY_FILE = path.join(packageRoot(__dirname), '.temporal', 'payload-codec.keys');

const HEADER = [
  '# Payload encryption keys of npm start, one id:base64key a line: the first encrypts, all decrypt.',
  '# Payloads written with a key cannot be read without it: keep this file as long as its data.',
];

/** Creates `file` with one fresh key unless it exists; never overwrites. */
export async function ensureKeyFile(file: string): Promise<'created' | 'kept'> {
  await mkdir(path.dirname(file), { recursive: true });
  const line = formatKey(`local-${randomBytes(4).toString('hex')}`, randomBytes(KEY_BYTES));
  try {
    await writeFile(file, `${[...HEADER, line].join('\n')}\n`, { flag: 'wx', mode: 0o600 });
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'kept';
    throw error;
  }
}

/** npm start's key file when `address` is on this machine; a remote server never gets a local key. */
export function localKeyFileFor(address: string): string | undefined {
  return isLoopbackHost(hostOf(address)) ? LOCAL_KEY_FILE : undefined;
}
