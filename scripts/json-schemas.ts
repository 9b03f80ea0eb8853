// `npm run schemas`: writes schema/*.schema.json from the zod schemas; a test fails when they drift.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSON_SCHEMA_FILES } from '../domain/json-schema';

for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
  writeFileSync(path.join(__dirname, '..', 'schema', file), `${JSON.stringify(schema(), null, 2)}\n`);
  process.stdout.write(`schema/${file}\n`);
}
