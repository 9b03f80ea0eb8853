import { SeenEvents } from '../../webhooks/seen-events';

function store(maxEntries: number, ttlMs: number) {
  let now = 0;
  const seen = new SeenEvents({ maxEntries, ttlMs, now: () => now });
  return { seen, advance: (ms: number) => void (now += ms) };
}

test('an added event id is remembered', () => {
  const { seen } = store(10, 1_000);
  seen.add('e-1');
  expect(seen.has('e-1')).toBe(true);
  expect(seen.has('e-2')).toBe(false);
});

test('the oldest ids are forgotten past the entry limit', () => {
  const { seen } = store(2, 1_000);
  seen.add('e-1');
  seen.add('e-2');
  seen.add('e-3');
  expect(seen.size).toBe(2);
  expect(seen.has('e-1')).toBe(false);
  expect(seen.has('e-3')).toBe(true);
});

test('ids are forgotten once older than the time to live', () => {
  const { seen, advance } = store(10, 1_000);
  seen.add('e-1');
  advance(600);
  seen.add('e-2');
  advance(500);
  expect(seen.has('e-1')).toBe(false);
  expect(seen.has('e-2')).toBe(true);
  seen.add('e-3');
  expect(seen.size).toBe(2);
});

test('adding an id again refreshes its age and place', () => {
  const { seen, advance } = store(2, 1_000);
  seen.add('e-1');
  seen.add('e-2');
  advance(900);
  seen.add('e-1');
  seen.add('e-3');
  expect(seen.has('e-1')).toBe(true);
  expect(seen.has('e-2')).toBe(false);
});
