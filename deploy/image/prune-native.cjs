// Run in the image after `npm ci --omit=dev`: the Temporal SDK's native bridge ships prebuilt binaries for
// five platforms and its Rust sources; the image runs one platform and builds nothing, so it keeps only
// the binary its own loader picks (@temporalio/core-bridge/common.js getPrebuiltPath).
const { readdirSync, rmSync } = require('node:fs');
const path = require('node:path');

const bridge = path.dirname(require.resolve('@temporalio/core-bridge/package.json', { paths: [process.cwd()] }));
const { getPrebuiltPath } = require(path.join(bridge, 'common.js'));
const keep = path.basename(path.dirname(getPrebuiltPath()));
const releases = path.join(bridge, 'releases');
for (const platform of readdirSync(releases)) {
  if (platform !== keep) rmSync(path.join(releases, platform), { recursive: true, force: true });
}
for (const sources of ['sdk-core', 'src', 'bridge-macros', 'Cargo.lock', 'Cargo.toml']) {
  rmSync(path.join(bridge, sources), { recursive: true, force: true });
}
process.stdout.write(`@temporalio/core-bridge: kept releases/${keep}\n`);
