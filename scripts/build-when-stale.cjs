// For the lumen-iod bin in a checkout: compiles the package (tsconfig.build.json) when dist/ is missing or
// older than its sources. Plain CommonJS: it runs before anything is built. Not part of the package.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['client', 'codec', 'domain'];
const BUILT = path.join(root, 'dist', 'client', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(BUILT)) return true;
  const inputs = [
    ...SOURCE_DIRS.map((dir) => newestSource(path.join(root, dir))),
    ...['tsconfig.json', 'tsconfig.build.json'].map((file) => fs.statSync(path.join(root, file)).mtimeMs),
  ];
  return Math.max(...inputs) > fs.statSync(BUILT).mtimeMs;
}

function buildWhenStale() {
  if (!isStale()) return;
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    process.stderr.write('lumen-iod: dist/ needs building and TypeScript is not installed; run npm ci first\n');
    process.exit(70);
  }
  process.stderr.write(
    'lumen-iod: building dist/ from client/, codec/ and domain/ (they changed since the last build)\n',
  );
  // stdout stays the CLI's own (scripts parse --json); the compiler's messages go to stderr.
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0) {
    process.stderr.write(`lumen-iod: the build failed (tsc exit code ${build.status}); fix it or run npm run build\n`);
    process.exit(70);
  }
}

module.exports = { buildWhenStale };
