// The receiver's bound on signals in flight: later deliveries wait their turn in arrival order, and one
// whose deadline passes first is refused (answered 503 so Lumen retries) without ever signalling.
import { ReceiverBusyError, SignalGate } from '../../webhooks/signal-gate';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('no more than the bound signal at once; the others go in arrival order as turns free up', async () => {
  const gate = new SignalGate(2);
  const started: number[] = [];
  const finish = [deferred(), deferred(), deferred(), deferred()];
  const far = Date.now() + 10_000;
  const runs = finish.map((f, i) =>
    gate.run(far, async () => {
      started.push(i);
      await f.promise;
      return i;
    }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([0, 1]);
  expect(gate.load).toEqual({ inFlight: 2, waiting: 2 });

  finish[1].resolve();
  await runs[1];
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([0, 1, 2]);
  expect(gate.load).toEqual({ inFlight: 2, waiting: 1 });

  finish[0].resolve();
  finish[2].resolve();
  finish[3].resolve();
  await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
  expect(gate.load).toEqual({ inFlight: 0, waiting: 0 });
});

test('a delivery whose deadline passes before its turn is refused and never signals; a failed signal frees its turn', async () => {
  const gate = new SignalGate(1);
  const hold = deferred();
  const first = gate.run(Date.now() + 10_000, () => hold.promise);
  let signalled = false;
  await expect(
    gate.run(Date.now() + 30, async () => {
      signalled = true;
    }),
  ).rejects.toBeInstanceOf(ReceiverBusyError);
  expect(signalled).toBe(false);
  expect(gate.load).toEqual({ inFlight: 1, waiting: 0 });
  hold.resolve();
  await first;

  await expect(gate.run(Date.now() + 1_000, () => Promise.reject(new Error('UNAVAILABLE')))).rejects.toThrow(
    'UNAVAILABLE',
  );
  await expect(gate.run(Date.now() + 1_000, async () => 'next')).resolves.toBe('next');
  expect(gate.load).toEqual({ inFlight: 0, waiting: 0 });
});

test('a bound below one is refused', () => {
  expect(() => new SignalGate(0)).toThrow(/maxInFlight must be a whole number of at least 1/);
});
