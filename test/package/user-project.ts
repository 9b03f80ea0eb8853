// The package as a backend gets it: `npm pack` in the checkout, then a project of its own outside the
// checkout that installs the tarball beside its own @temporalio/client, as `npm install <tarball>` does.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withoutPayloadSettings } from '../env/codec';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'lumen-iod-temporal';
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PackedPackage {
  tarball: string;
  /** Bytes of the .tgz, and of its files unpacked. */
  size: number;
  unpackedSize: number;
  files: string[];
}

export interface UserProject {
  dir: string;
  /** The installed package's folder, node_modules/lumen-iod-temporal. */
  packageDir: string;
  run(command: string, args: string[], env?: Record<string, string>): Promise<Run>;
}

// npm passes its own settings to scripts as npm_* variables; the user's npm must not see the checkout's.
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Nor payload keys of the machine running the tests: a test gives the ones it means.
  const env = Object.fromEntries(
    Object.entries(withoutPayloadSettings(process.env)).filter(([name]) => !/^npm_/i.test(name)),
  );
  return { ...env, ...extra };
}

export function run(command: string, args: string[], cwd: string, env?: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: cleanEnv(env), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function succeed(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  }
  return result.stdout;
}

/** `npm pack` in the checkout (its prepack builds dist/), the tarball written to `destination`. */
export async function packPackage(destination: string): Promise<PackedPackage> {
  const stdout = await succeed('npm', ['pack', '--json', '--pack-destination', destination], ROOT);
  const [packed] = JSON.parse(stdout) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  return {
    tarball: path.join(destination, packed.filename),
    size: packed.size,
    unpackedSize: packed.unpackedSize,
    files: packed.files.map((file) => file.path),
  };
}

/** A backend project in `dir` with the tarball, the SDK's client at the project's version and Node's types. */
export async function createUserProject(dir: string, tarball: string): Promise<UserProject> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'billing-backend', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  for (const file of ['tsconfig.json', 'provision.ts']) {
    copyFileSync(path.join(__dirname, 'backend', file), path.join(dir, file));
  }
  await succeed(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--save-exact',
      tarball,
      `@temporalio/client@${manifest.peerDependencies['@temporalio/client']}`,
      `@types/node@${manifest.devDependencies['@types/node']}`,
    ],
    dir,
  );
  return {
    dir,
    packageDir: path.join(dir, 'node_modules', PACKAGE_NAME),
    run: (command, args, env) => run(command, args, dir, env),
  };
}

/** The checkout's own TypeScript compiler, run on the user's project (which resolves everything itself). */
export const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
