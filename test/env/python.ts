// A Python 3 with the example's packages, made once in .temporal/python-venv (ignored by git) the way the
// Temporal binaries are: installed from PyPI when missing, with an error that says what failed.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const VENV = path.join(ROOT, '.temporal', 'python-venv');
export const PYTHON_PACKAGES = ['temporalio', 'cryptography', 'jsonschema'];

async function importsPackages(python: string): Promise<boolean> {
  const imports = `import ${PYTHON_PACKAGES.join(', ')}`;
  return run(python, ['-c', imports]).then(
    () => true,
    () => false,
  );
}

/** The venv's python, its packages installed; throws naming the step that failed. */
export async function pythonWithExamplePackages(): Promise<string> {
  const python = path.join(VENV, 'bin', 'python');
  if (existsSync(python) && (await importsPackages(python))) return python;
  await run('python3', ['-m', 'venv', VENV]).catch((error: Error) => {
    throw new Error(`The Python example's test needs python3 with venv (python3 -m venv failed: ${error.message})`);
  });
  await run(python, ['-m', 'pip', 'install', '--quiet', ...PYTHON_PACKAGES], { timeout: 300_000 }).catch(
    (error: Error) => {
      throw new Error(`pip could not install ${PYTHON_PACKAGES.join(', ')} from PyPI: ${error.message}`);
    },
  );
  return python;
}
