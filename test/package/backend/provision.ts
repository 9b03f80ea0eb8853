// A backend's code using the installed package: start a provisioning, retry the start as after a lost
// response, try the same request id with another request, wait for the result. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import {
  dataConverterFor,
  getResult,
  ProvisioningRequestConflictError,
  readPayloadCodecSettings,
  startProvisioning,
  type ProvisioningRequestInput,
  type ProvisioningResult,
  type StartedProvisioning,
} from 'lumen-iod-temporal';
import { provisioningResultSchema, WORKFLOW_TYPE } from 'lumen-iod-temporal/domain';

// The package's types are real: a block size the request does not accept does not compile.
// @ts-expect-error "/27" is not one of /28, /29, /30
const _wrongBlock: ProvisioningRequestInput['ipv4BlockSize'] = '/27';

const started = ({ workflowId, runId, alreadyStarted }: StartedProvisioning) => ({ workflowId, runId, alreadyStarted });

async function main(): Promise<void> {
  const [address, taskQueue, requestFile] = process.argv.slice(2);
  const request = JSON.parse(readFileSync(requestFile, 'utf8')) as ProvisioningRequestInput;
  const connection = await Connection.connect({ address });
  try {
    // The worker's payload keys (PAYLOAD_CODEC_KEYS): what the backend sends and reads is encrypted.
    const client = new Client({ connection, dataConverter: dataConverterFor(readPayloadCodecSettings(process.env)) });
    const first = await startProvisioning(client, request, { taskQueue });
    const retried = await startProvisioning(client, request, { taskQueue });
    const conflict = await startProvisioning(client, { ...request, speed: '1 Gbps' }, { taskQueue }).then(
      () => 'started a second time',
      (error: unknown) => (error instanceof ProvisioningRequestConflictError ? error.name : String(error)),
    );
    const result: ProvisioningResult = await getResult(client, request.requestId);
    const output = {
      workflowType: WORKFLOW_TYPE,
      first: started(first),
      retried: started(retried),
      conflict,
      result,
      resultMatchesSchema: provisioningResultSchema.safeParse(result).success,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
