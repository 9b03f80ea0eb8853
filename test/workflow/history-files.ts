// Reads a JSON history file (as `temporal workflow show --output json` or the Web UI writes it) into the
// History message the replay worker takes.
import { readFile } from 'node:fs/promises';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

export async function readHistoryFile(file: string): Promise<History> {
  const history = historyFromJSON(JSON.parse(await readFile(file, 'utf8')) as unknown);
  if (!history.events?.length) throw new Error(`${file} holds no history events`);
  return history;
}
