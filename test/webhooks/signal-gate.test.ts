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

test('a delivery that could not get its turn by its deadline at the recent pace is refused at once', async () => {
  const gate = new SignalGate(1);
  // Nothing completed yet: as many may wait as the bound.
  const hold = deferred();
  const first = gate.run(Date.now() + 10_000, () => hold.promise);
  const waiter = gate.run(Date.now() + 10_000, async () => 'waited');
  const startedAt = Date.now();
  await expect(gate.run(Date.now() + 10_000, async () => 'never')).rejects.toBeInstanceOf(ReceiverBusyError);
  expect(Date.now() - startedAt).toBeLessThan(1_000);
  hold.resolve();
  await first;
  await expect(waiter).resolves.toBe('waited');

  // Ten signals completed just now (two of them above): 5 a second over the last 2 s, so with 1 s to
  // their deadline five may wait, and a sixth is refused at once.
  for (let i = 0; i < 8; i++) await gate.run(Date.now() + 1_000, async () => i);
  const holdAgain = deferred();
  const busy = gate.run(Date.now() + 10_000, () => holdAgain.promise);
  const deadline = Date.now() + 1_000;
  const queued = Array.from({ length: 5 }, (_, i) => gate.run(deadline, async () => i));
  await expect(gate.run(deadline, async () => 'sixth')).rejects.toBeInstanceOf(ReceiverBusyError);
  expect(gate.load).toEqual({ inFlight: 1, waiting: 5 });
  holdAgain.resolve();
  await busy;
  await expect(Promise.all(queued)).resolves.toEqual([0, 1, 2, 3, 4]);
});

test('a bound below one is refused', () => {
  expect(() => new SignalGate(0)).toThrow(/maxInFlight must be a whole number of at least 1/);
});
