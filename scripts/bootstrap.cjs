// Lets `npm start` and `npm test` work on a fresh clone: installs the npm dependencies when they are
// missing or older than package-lock.json, then runs the named TypeScript entry with tsx.
// Plain CommonJS on purpose: it has to run before anything is installed.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');

function needsInstall() {
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(root, 'node_modules', '.bin', 'tsx'))) return true;
  return fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(marker).mtimeMs;
}

if (needsInstall()) {
  const fresh = !fs.existsSync(path.join(root, 'node_modules'));
  const args = fresh ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  process.stderr.write(`[setup] installing npm dependencies (npm ${args[0]})\n`);
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`[setup] npm ${args[0]} failed with exit code ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
  const now = new Date();
  fs.utimesSync(marker, now, now);
}

const [entry, ...rest] = process.argv.slice(2);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [path.join(root, entry), ...rest], { cwd: process.cwd(), stdio: 'inherit' });
// The child gets Ctrl-C from the terminal itself; forward only what is sent to this process alone.
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
