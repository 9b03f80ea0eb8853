// The release this code belongs to, read from the project's package.json wherever the code runs from
// (workers/*.ts in a checkout, dist/workers/*.js in the image).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'lumen-iod-temporal' && manifest.version) return (cached = manifest.version);
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of lumen-iod-temporal above ${__dirname}`);
  }
}
