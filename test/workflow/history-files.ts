// Reads a JSON history file (as `temporal workflow show --output json` or the Web UI writes it) into the
// History message the replay worker takes.
//
// Why not historyFromJSON from @temporalio/common: in this install @temporalio/common and
// @temporalio/proto each carry their own copy of protobufjs 8, and common's JSON reader rejects the
// message types of proto's copy ("type must be a Type"). Reading with proto's own copy avoids that.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;
type FromJson = (type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }) => History | null;

const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fromJson } = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as {
  fromJson: FromJson;
};
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
  'temporal.api.history.v1.History',
);

export async function readHistoryFile(file: string): Promise<History> {
  const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
  const history = fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!history?.events?.length) throw new Error(`${file} holds no history events`);
  return history;
}
