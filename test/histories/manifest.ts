// The committed histories the replay test feeds the current workflow code (manifest.json): one per path
// worth guarding, each recorded from the current code by a scenario of record-histories.ts.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface RecordedHistory {
  /** <name>.json beside this file. */
  name: string;
  /** The id it ran under: the workflows check it, so a replay must use the same. */
  workflowId: string;
  /** Plain JSON, or encrypted with the key in payload-codec.keys. */
  payloads: 'plain' | 'encrypted';
  covers: string;
}

export const MANIFEST_FILE = path.join(__dirname, 'manifest.json');

export function historyFile(name: string): string {
  return path.join(__dirname, `${name}.json`);
}

export async function readManifest(): Promise<RecordedHistory[]> {
  return JSON.parse(await readFile(MANIFEST_FILE, 'utf8')) as RecordedHistory[];
}

/** Replaces (or adds) the entries of newly recorded histories. */
export async function updateManifest(recorded: RecordedHistory[]): Promise<void> {
  const kept = (await readManifest()).filter((entry) => !recorded.some((r) => r.name === entry.name));
  const all = [...kept, ...recorded].sort((a, b) => a.name.localeCompare(b.name));
  await writeFile(MANIFEST_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
