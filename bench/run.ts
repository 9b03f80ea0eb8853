// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { exitWhenDone } from './exit-when-done';

interface Bench {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = (await readdir(__dirname))
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => wanted.length === 0 || wanted.some((name) => file.includes(name)))
    .sort();
  for (const file of files) {
    process.stdout.write(`\n## ${file.replace('.bench.ts', '')}\n`);
    const bench = (await import(path.join(__dirname, file))) as Bench;
    await bench.run();
  }
}

exitWhenDone(main());
