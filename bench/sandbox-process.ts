// The Lumen sandbox as its own process (`npm run sandbox`), as Lumen is to a worker: what it logs about
// the requests it received is then Lumen's view, untouched by the load of the process that sends them.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { SandboxAdmin } from '../sandbox/admin-client';

export interface SandboxProcess {
  url: string;
  /** Its launcher's pid: the sandbox runs in a child of it. */
  pid: number | undefined;
  admin: SandboxAdmin;
  close(): Promise<void>;
}

const ROOT = path.join(__dirname, '..');

/** Starts `sandbox/main.ts` on a free port with `env` (SANDBOX_*, LUMEN_*) and waits for its URL. */
export async function startSandboxProcess(env: Record<string, string>): Promise<SandboxProcess> {
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['sandbox/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, SANDBOX_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before listening`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  // Its later log lines are not needed; reading them keeps its stdout from filling up.
  lines.on('line', () => undefined);
  return {
    url,
    pid: child.pid,
    admin: new SandboxAdmin(url),
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
