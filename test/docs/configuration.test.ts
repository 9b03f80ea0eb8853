// docs/configuration.md's tables are what the schemas parse: a variable added, renamed or given another
// default without `npm run docs:config` fails here.
import { currentDoc, generatedReference, withReference } from '../../scripts/configuration-reference';

test('the configuration tables in docs/configuration.md are the ones the schemas generate', async () => {
  const doc = await currentDoc();
  expect(doc).toBe(withReference(doc, generatedReference()));
});

test('every variable the worker, receiver, npm start, sandbox, codec server and cluster parse is listed', async () => {
  const doc = await currentDoc();
  for (const variable of ['LUMEN_INVENTORY_LAG', 'WEBHOOK_SECRET', 'TEMPORAL_DB_FILE', 'SANDBOX_ACTIVATION_DELAY']) {
    expect(doc).toContain(`| \`${variable}\``);
  }
  for (const variable of ['CODEC_SERVER_TOKEN', 'CLUSTER_POSTGRES_PORT', 'WORKER_WORKFLOW_THREADS']) {
    expect(doc).toContain(`| \`${variable}\``);
  }
});
