// Keeps the sandbox's orders, services and quotes in a JSON file, so that `npm start` can stop and
// start again without the sandbox forgetting orders its resumed provisionings are waiting on.
// The catalog is the seed, and tokens are simply issued again.
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { Outcome, OrderRecord, QuoteRecord, ServiceRecord } from './records';
import type { SandboxStore } from './store';

interface SavedState {
  version: 1;
  quoteNumber: number;
  quotes: QuoteRecord[];
  orders: OrderRecord[];
  services: ServiceRecord[];
  outcomes: [string, Outcome][];
}

const SAVE_EVERY_MS = 500;

function stateOf(store: SandboxStore): SavedState {
  return {
    version: 1,
    quoteNumber: store.quoteNumber,
    quotes: [...store.quotes.values()],
    orders: [...store.orders.values()],
    services: [...store.services.values()],
    outcomes: [...store.outcomes.entries()],
  };
}

/** Loads a saved state into the store; false when there is none. A damaged file is an error. */
export function loadState(store: SandboxStore, file: string): boolean {
  if (!existsSync(file)) return false;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedState;
  if (saved.version !== 1) throw new Error(`${file}: unknown sandbox state version ${String(saved.version)}`);
  store.quoteNumber = Math.max(store.quoteNumber, saved.quoteNumber);
  for (const quote of saved.quotes) store.quotes.set(quote.id, quote);
  for (const order of saved.orders) store.orders.set(order.id, order);
  for (const service of saved.services) store.services.set(service.serviceId, service);
  for (const [externalId, outcome] of saved.outcomes) store.outcomes.set(externalId, outcome);
  return true;
}

/** Writes the state whenever it changed, at most every half second, and once more on stop(). */
export function keepStateSaved(store: SandboxStore, file: string): { stop(): Promise<void> } {
  let written = '';
  let writing = Promise.resolve();
  const save = () => {
    const text = JSON.stringify(stateOf(store));
    if (text === written) return writing;
    written = text;
    // Write then rename, so a crash mid-write leaves the previous state whole.
    writing = writing.then(async () => {
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
    });
    return writing;
  };
  const timer = setInterval(() => void save().catch(() => undefined), SAVE_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await save();
    },
  };
}
