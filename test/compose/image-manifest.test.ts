// The production image installs deploy/image/package.json, not the repository's (which is the client
// library's). Checked statically: it names every package the image's processes import, at the version the
// checkout runs with, and its lockfile resolves them as the repository's does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { readRepoFile, REPO_ROOT } from './compose-file';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
interface Lock {
  packages: Record<string, { version?: string }>;
}

const root = JSON.parse(readRepoFile('package.json')) as Manifest;
const image = JSON.parse(readRepoFile('deploy/image/package.json')) as Manifest;
const rootLock = JSON.parse(readRepoFile('package-lock.json')) as Lock;
const imageLock = JSON.parse(readRepoFile('deploy/image/package-lock.json')) as Lock;

/** The bare package names imported (statically or by import()) by every file tsconfig.app.json compiles. */
function importedPackages(): string[] {
  const configFile = path.join(REPO_ROOT, 'tsconfig.app.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('tsconfig.app.json could not be read');
  const names = new Set<string>();
  const compiled = ts
    .createProgram(config.fileNames, config.options)
    .getSourceFiles()
    .map((source) => source.fileName)
    .filter((file) => !file.includes('/node_modules/') && !file.endsWith('.d.ts'));
  expect(compiled.length).toBeGreaterThan(config.fileNames.length);
  for (const file of compiled) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith('.') || fileName.startsWith('node:')) continue;
      const parts = fileName.split('/');
      names.add(fileName.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

test('the image manifest is the same release as the repository, and private', () => {
  expect(image.name).toBe('lumen-iod-temporal-image');
  expect(image.version).toBe(root.version);
  expect((image as { private?: boolean }).private).toBe(true);
  expect(image.devDependencies).toBeUndefined();
});

test('every package the worker, receiver, sandbox and codec server import is an image dependency', () => {
  const imported = importedPackages();
  expect(imported).toEqual(expect.arrayContaining(['@temporalio/worker', '@temporalio/client', 'zod', 'pino']));
  // Type-only imports of packages the image has through its dependencies are fine, but none is needed.
  expect(imported.filter((name) => !(name in (image.dependencies ?? {})))).toEqual([]);
});

test('each image dependency has the version range the repository declares, and the lockfiles agree', () => {
  const declared = { ...root.devDependencies, ...root.dependencies };
  for (const [name, range] of Object.entries(image.dependencies ?? {})) {
    expect({ name, range }).toEqual({ name, range: declared[name] });
  }
  const differing = Object.entries(imageLock.packages)
    .filter(([where]) => where.startsWith('node_modules/'))
    .filter(([where, { version }]) => rootLock.packages[where] && rootLock.packages[where].version !== version)
    .map(([where]) => where);
  expect(differing).toEqual([]);
});
