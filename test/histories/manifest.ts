// The committed histories the replay test feeds the current workflow code: every one, from whichever
// release recorded it, stays replayable while runs like it may still exist (manifest.json).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface RecordedHistory {
  /** <name>.json beside this file. */
  name: string;
  /** The id it ran under: the workflows check it, so a replay must use the same. */
  workflowId: string;
  /** Plain JSON, or encrypted with the key in payload-codec.keys. */
  payloads: 'plain' | 'encrypted';
  /**
   * Which code recorded it: the first release's ran before provisioning-v2 and follow its branch; the
   * next scheduled every read as an activity (before reads-local-first); the next asked for billing at
   * once, beside the first reads (before billing-at-its-step); the next polled an order just placed at
   * once (before first-poll-after-interval); a service's workflow started by a provisioning read its
   * service from inventory at start (before the provisioning handed over what it knew); a provisioning
   * started its service's workflow in an activity of its own (before hand-over-in-its-task); the
   * current code's are the scenarios of record-histories.ts.
   */
  recordedBy:
    | 'first release'
    | 'reads as activities'
    | 'billing at once'
    | 'polling at once'
    | 'service read at start'
    | 'hand-over as activity'
    | 'current';
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
