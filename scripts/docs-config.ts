// `npm run docs:config`: rewrites the generated tables of docs/configuration.md from the schemas.
import { writeFile } from 'node:fs/promises';
import { CONFIGURATION_DOC, currentDoc, generatedReference, withReference } from './configuration-reference';

async function main(): Promise<void> {
  const updated = withReference(await currentDoc(), generatedReference());
  await writeFile(CONFIGURATION_DOC, updated);
  process.stdout.write(`wrote ${CONFIGURATION_DOC}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
