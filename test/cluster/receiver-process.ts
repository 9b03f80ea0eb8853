// Runs `npm run webhooks`'s entry point (tsx webhooks/main.ts) as a child process, for tests that kill it.
import path from 'node:path';
import { startLoggedProcess, type LoggedProcess } from '../env/logged-process';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ReceiverProcess extends LoggedProcess {
  url: string;
}

export function startReceiverProcess(env: Record<string, string> & { WEBHOOK_PORT: string }): ReceiverProcess {
  const receiver = startLoggedProcess({
    name: 'receiver',
    command: path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    args: ['webhooks/main.ts'],
    env: { WEBHOOK_HOST: '127.0.0.1', ...env },
    readyWhen: 'webhook receiver ready',
  });
  return { ...receiver, url: `http://127.0.0.1:${env.WEBHOOK_PORT}/webhooks/lumen` };
}
