// Where the keys come from: PAYLOAD_CODEC_KEYS, a key file, or npm start's own file; what is refused and
// how the error says so, never repeating key material.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureKeyFile, LOCAL_KEY_FILE, localKeyFileFor } from '../../codec/local-key-file';
import { PayloadCodecConfigError, readPayloadCodecSettings, type PayloadCodecSettings } from '../../codec/settings';

const key = () => randomBytes(32).toString('base64');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'payload-keys-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function refusal(env: Record<string, string>, fallbackKeyFile?: string): string {
  try {
    readPayloadCodecSettings(env, { fallbackKeyFile });
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadCodecConfigError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

const keyIds = (settings: PayloadCodecSettings) =>
  settings.encryption === 'off' ? [] : settings.keys.map((k) => k.id);

test('PAYLOAD_CODEC_KEYS lists the keys in order: the first encrypts, the others are read too', () => {
  const settings = readPayloadCodecSettings({ PAYLOAD_CODEC_KEYS: ` k2:${key()} , k1:${key()}` });
  expect(keyIds(settings)).toEqual(['k2', 'k1']);
});

test('without keys, encryption is not silently skipped: the error says how to give keys or opt out', () => {
  const message = refusal({}, path.join(dir, 'absent.keys'));
  expect(message).toMatch(/^PAYLOAD_CODEC_KEYS: no payload encryption keys; set PAYLOAD_CODEC_KEYS=<id>:<base64 key>/);
  expect(message).toContain('openssl rand -base64 32');
  expect(message).toContain('PAYLOAD_CODEC_KEY_FILE');
  expect(message).toContain('PAYLOAD_CODEC=off');
  expect(readPayloadCodecSettings({ PAYLOAD_CODEC: 'off' })).toEqual({ encryption: 'off' });
});

test('bad entries are named by position and key id; the key material is never repeated', () => {
  const good = key();
  const short = randomBytes(16).toString('base64');
  const message = refusal({
    PAYLOAD_CODEC_KEYS: [`a:${good}`, `a:${key()}`, `b:${short}`, `c:not*base64`, good, `${good}:${good}`].join(','),
  });
  expect(message).toBe(
    'PAYLOAD_CODEC_KEYS: entry 2 (key id "a"): the key id is used twice; ' +
      'entry 3 (key id "b"): the key is 16 bytes; AES-256 needs 32 (`openssl rand -base64 32`); ' +
      'entry 4 (key id "c"): the key is not base64; entry 5 has no key id: write id:base64key; ' +
      'entry 6: the key id must be 1-40 letters, digits, ".", "_" or "-"',
  );
  for (const material of [good, short]) expect(message).not.toContain(material);
});

test('contradictions are refused: off with keys, or keys given two ways; unknown modes too', () => {
  expect(refusal({ PAYLOAD_CODEC: 'off', PAYLOAD_CODEC_KEYS: `k:${key()}` })).toMatch(/PAYLOAD_CODEC=off, yet keys/);
  expect(refusal({ PAYLOAD_CODEC_KEYS: `k:${key()}`, PAYLOAD_CODEC_KEY_FILE: '/x' })).toMatch(/both set/);
  expect(refusal({ PAYLOAD_CODEC: 'plain' })).toMatch(/^PAYLOAD_CODEC: must be "off"/);
});

test('a key file holds the same list, one key a line, with comments; a missing file is named', async () => {
  const file = path.join(dir, 'rotated.keys');
  await writeFile(file, `# rotated on Monday\nk3:${key()}\nk2:${key()}\n`);
  const settings = readPayloadCodecSettings({ PAYLOAD_CODEC_KEY_FILE: file });
  expect(keyIds(settings)).toEqual(['k3', 'k2']);
  expect(settings).toMatchObject({ source: file });
  expect(refusal({ PAYLOAD_CODEC_KEY_FILE: path.join(dir, 'nope.keys') })).toBe(
    `PAYLOAD_CODEC_KEY_FILE: cannot read the key file ${path.join(dir, 'nope.keys')} (ENOENT)`,
  );
});

test("npm start's key file is made once, private to its owner, and kept as it is afterwards", async () => {
  const file = path.join(dir, 'state', 'payload-codec.keys');
  expect(await ensureKeyFile(file)).toBe('created');
  const first = await readFile(file, 'utf8');
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(await ensureKeyFile(file)).toBe('kept');
  expect(await readFile(file, 'utf8')).toBe(first);
  expect(keyIds(readPayloadCodecSettings({}, { fallbackKeyFile: file }))).toEqual([
    expect.stringMatching(/^local-[0-9a-f]{8}$/),
  ]);
});

test("the CLI falls back to npm start's key only for a Temporal server on this machine", () => {
  for (const address of ['localhost:7233', '127.0.0.1:7233', '[::1]:7233']) {
    expect(localKeyFileFor(address)).toBe(LOCAL_KEY_FILE);
  }
  for (const address of ['my-ns.a1b2c.tmprl.cloud:7233', 'temporal:7233', '10.0.0.5:7233']) {
    expect(localKeyFileFor(address)).toBeUndefined();
  }
  expect(path.relative(process.cwd(), LOCAL_KEY_FILE)).toBe(path.join('.temporal', 'payload-codec.keys'));
});
