// A fresh stub Lumen and a client of it for each test of a file, both closed after the test.
import { LumenClient } from '../../lumen/client';
import type { LumenClientConfig } from '../../lumen/config';
import { startStubLumen, STUB_KEY, STUB_SECRET, type StubLumen } from './stub-lumen';

export type StubClientOptions = Omit<LumenClientConfig, 'baseUrl' | 'consumerKey' | 'consumerSecret'>;

/** A client of `stub` with the stub's credentials. */
export function stubClient(stub: StubLumen, options: StubClientOptions = {}): LumenClient {
  return new LumenClient({ baseUrl: stub.url, consumerKey: STUB_KEY, consumerSecret: STUB_SECRET, ...options });
}

export interface StubSession {
  readonly stub: StubLumen;
  readonly client: LumenClient;
  /** Closes the test's client and puts one with `options` (and nothing of the first's) in its place. */
  reconnect(options: StubClientOptions): Promise<LumenClient>;
}

/** Registers the jest hooks; the client of each test is made with `options`. */
export function useStubLumen(options: StubClientOptions = {}): StubSession {
  let stub: StubLumen | undefined;
  let client: LumenClient | undefined;
  const started = () => {
    if (!stub || !client) throw new Error('the stub Lumen runs only inside a test');
    return { stub, client };
  };
  beforeEach(async () => {
    stub = await startStubLumen();
    client = stubClient(stub, options);
  });
  afterEach(async () => {
    await client?.close();
    await stub?.close();
    stub = client = undefined;
  });
  return {
    get stub() {
      return started().stub;
    },
    get client() {
      return started().client;
    },
    async reconnect(next) {
      await started().client.close();
      client = stubClient(started().stub, next);
      return client;
    },
  };
}
