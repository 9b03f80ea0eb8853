// Where the project is and which release it is, wherever the code runs from: workers/*.ts in a checkout,
// dist/workers/*.js in a build or the production image (whose package.json is deploy/image's).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const NAMES = ['lumen-iod-temporal', 'lumen-iod-temporal-image'];

let found: { root: string; version: string } | undefined;

function project(): { root: string; version: string } {
  if (found) return found;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name && NAMES.includes(manifest.name) && manifest.version) {
        return (found = { root: dir, version: manifest.version });
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${NAMES.join(' or ')} above ${__dirname}`);
  }
}

/** The folder of the project's package.json: the checkout, or /app in the image. */
export const projectRoot = (): string => project().root;

/** The release, such as "1.0.0". */
export const packageVersion = (): string => project().version;
