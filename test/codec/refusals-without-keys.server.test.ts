// Outside npm start nothing runs with plain payloads by accident: the worker, the webhook receiver, the
// CLI (for a server elsewhere) and the codec server refuse to start without keys, and say how to give them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
// Nothing from the machine running the tests: no keys, no Temporal profile.
const BARE = { PATH: process.env.PATH ?? '', HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent' };

function start(entry: string, env: Record<string, string>, args: string[] = []) {
  return spawnSync(TSX, [entry, ...args], { cwd: ROOT, env: { ...BARE, ...env }, encoding: 'utf8', timeout: 60_000 });
}

const HOW =
  /PAYLOAD_CODEC_KEYS: no payload encryption keys; set PAYLOAD_CODEC_KEYS=<id>:<base64 key> \(make a key with `openssl rand -base64 32`\), or PAYLOAD_CODEC_KEY_FILE=<file> holding such lines; PAYLOAD_CODEC=off stores payloads unencrypted instead/;

test('a worker without keys refuses to start, and says how to give keys or opt out', () => {
  const worker = start('workers/main.ts', {
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    LUMEN_BASE_URL: 'http://127.0.0.1:1',
    LUMEN_CONSUMER_KEY: 'key',
    LUMEN_CONSUMER_SECRET: 'secret',
  });
  expect(worker.status).toBe(2);
  expect(worker.stderr).toMatch(/^Invalid worker configuration:\n {2}- PAYLOAD_CODEC_KEYS: /);
  expect(worker.stderr).toMatch(HOW);
  expect(worker.stdout).not.toContain('worker running');
});

test('the webhook receiver and the CLI (for a server elsewhere) refuse the same way', () => {
  const receiver = start('webhooks/main.ts', {
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    WEBHOOK_SECRET: 'a-secret-of-some-length',
  });
  expect(receiver.status).toBe(1);
  expect(receiver.stderr).toMatch(HOW);

  const cli = start('client/cli.ts', { TEMPORAL_ADDRESS: 'temporal.example.com:7233' }, ['status', 'R1']);
  expect(cli.status).toBe(2);
  expect(cli.stderr).toMatch(HOW);
});

test('npm run codec-server refuses without a token or keys', () => {
  const server = start('codec-server/main.ts', {});
  expect(server.status).toBe(2);
  expect(server.stderr).toContain('CODEC_SERVER_TOKEN: required');
  expect(server.stderr).toMatch(HOW);
});
