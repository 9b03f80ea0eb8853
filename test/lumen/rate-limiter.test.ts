// The ceiling on requests per second, on a clock the test moves by hand: evenly spaced, in order, never
// more than the ceiling in a second however late the timers fire, and a clear refusal past the bound.
import { RequestRateLimiter, RequestWaitTooLong, type LimiterClock } from '../../lumen/rate-limiter';

/** A clock whose timers fire only when the test advances it, each `lateMs` after it was due. */
class ManualClock implements LimiterClock {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];

  constructor(private readonly lateMs: (due: number) => number = () => 0) {}

  now(): number {
    return this.time;
  }

  after(ms: number, callback: () => void): void {
    const due = this.time + ms;
    this.timers.push({ at: due + this.lateMs(due), callback });
  }

  /** Moves time forward by `ms`, firing each timer at its moment, and lets promises settle in between. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.callback();
    }
    this.time = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/**
 * Asks for `count` turns at once; records when each was let through, or how it was refused. Each request
 * let through is answered `answerMs(request)` later (at once unless given).
 */
function ask(
  limiter: RequestRateLimiter,
  clock: ManualClock,
  count: number,
  answerMs: (request: number) => number = () => 0,
) {
  const granted: { request: number; at: number; answeredAt?: number }[] = [];
  const refused: { request: number; at: number; error: unknown }[] = [];
  for (let request = 0; request < count; request++) {
    limiter.acquire().then(
      (answered) => {
        const grant: { request: number; at: number; answeredAt?: number } = { request, at: clock.now() };
        granted.push(grant);
        const answer = () => {
          grant.answeredAt = clock.now();
          answered();
        };
        const ms = answerMs(request);
        if (ms === 0) answer();
        else clock.after(ms, answer);
      },
      (error: unknown) => refused.push({ request, at: clock.now(), error }),
    );
  }
  return { granted, refused };
}

/** The most requests in any window [t, t + 1000). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

it('lets requests through one interval apart, in the order they asked', async () => {
  const clock = new ManualClock();
  const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 20_000, clock });
  const { granted, refused } = ask(limiter, clock, 5);
  await clock.advance(1_000);
  expect(refused).toEqual([]);
  expect(granted.map(({ request, at }) => ({ request, at }))).toEqual([
    { request: 0, at: 0 },
    { request: 1, at: 100 },
    { request: 2, at: 200 },
    { request: 3, at: 300 },
    { request: 4, at: 400 },
  ]);
});

it('keeps a spare share of each interval when asked: 10 a second with 5% spare is one every 105 ms', async () => {
  const clock = new ManualClock();
  const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 20_000, spare: 0.05, clock });
  const { granted } = ask(limiter, clock, 3);
  await clock.advance(1_000);
  expect(granted.map((g) => g.at)).toEqual([0, 105, 210]);
  expect(() => new RequestRateLimiter({ perSecond: 10, maxWaitMs: 1_000, spare: 1 })).toThrow(/spare must be/);
});

it('lets a request straight through when the last one left an interval ago', async () => {
  const clock = new ManualClock();
  const limiter = new RequestRateLimiter({ perSecond: 4, maxWaitMs: 20_000, clock });
  await limiter.acquire();
  await clock.advance(250);
  let through = false;
  void limiter.acquire().then(() => (through = true));
  await settle();
  expect(through).toBe(true);
});

it('spaces a fractional ceiling: 0.5 a second is one every 2 s', async () => {
  const clock = new ManualClock();
  const limiter = new RequestRateLimiter({ perSecond: 0.5, maxWaitMs: 60_000, clock });
  const { granted } = ask(limiter, clock, 3);
  await clock.advance(10_000);
  expect(granted.map((g) => g.at)).toEqual([0, 2_000, 4_000]);
});

it('never lets more than the ceiling through in any second, even when its timers fire late', async () => {
  // Timers fire 0 to 97 ms late, as on a busy event loop.
  const clock = new ManualClock((due) => (due * 7919) % 98);
  const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 600_000, clock });
  const { granted, refused } = ask(limiter, clock, 300);
  await clock.advance(120_000);
  expect(refused).toEqual([]);
  expect(granted.map((g) => g.request)).toEqual([...Array(300).keys()]);
  const times = granted.map((g) => g.at);
  expect(busiestSecond(times)).toBeLessThanOrEqual(10);
  for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(100);
});

it('refuses at once, naming the ceiling and the wait, a request whose turn would come after the bound', async () => {
  const clock = new ManualClock();
  const limiter = new RequestRateLimiter({
    perSecond: 10,
    maxWaitMs: 1_000,
    setting: 'LUMEN_MAX_REQUESTS_PER_SECOND',
    clock,
  });
  // The first goes at once, the next ten wait 100 ms to 1 s; the twelfth would wait 1.1 s.
  const { granted, refused } = ask(limiter, clock, 12);
  await settle();
  expect(refused).toHaveLength(1);
  expect(refused[0]).toMatchObject({ request: 11, at: 0 });
  const error = refused[0].error as RequestWaitTooLong;
  expect(error).toBeInstanceOf(RequestWaitTooLong);
  expect(error.code).toBe('LUMEN_RATE_CEILING');
  expect(error.message).toBe(
    'the ceiling on requests to Lumen (LUMEN_MAX_REQUESTS_PER_SECOND=10) would keep it waiting 1.1 s, ' +
      'more than the 1.0 s a request may wait',
  );
  expect(error.retryAfterMs).toBe(1_100);

  await clock.advance(2_000);
  expect(granted.map((g) => g.request)).toEqual([...Array(11).keys()]);
  expect(granted.at(-1)?.at).toBe(1_000);
});

it('refuses a request whose turn has passed its bound because the timers came late, rather than send it late', async () => {
  const clock = new ManualClock(() => 700); // an event loop stalled for 0.7 s
  const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 500, clock });
  const { granted, refused } = ask(limiter, clock, 3);
  await clock.advance(5_000);
  // 0 goes at once; 1 was due at 100 ms but its timer fired at 800 ms, past its bound of 500 ms: so was 2's.
  expect(granted.map(({ request, at }) => ({ request, at }))).toEqual([{ request: 0, at: 0 }]);
  expect(refused.map((r) => ({ request: r.request, at: r.at }))).toEqual([
    { request: 1, at: 800 },
    { request: 2, at: 800 },
  ]);
  expect((refused[0].error as Error).message).toContain('would keep it waiting 0.8 s, more than the 0.5 s');
});

it('refuses a ceiling that is not a positive number', () => {
  expect(() => new RequestRateLimiter({ perSecond: 0, maxWaitMs: 1_000 })).toThrow(/perSecond must be a positive/);
  expect(() => new RequestRateLimiter({ perSecond: Number.NaN, maxWaitMs: 1_000 })).toThrow(/perSecond/);
  expect(() => new RequestRateLimiter({ perSecond: 5, maxWaitMs: -1 })).toThrow(/maxWaitMs/);
});

describe('the window as Lumen counts it, on arrival', () => {
  /**
   * The most requests any one second could hold as the receiving end stamps them, stamping each at any
   * moment between its leaving and its answer: the worst case picks, for a window starting at some
   * stamp, every request whose span [left, answered] reaches into it.
   */
  function worstArrivalSecond(spans: { at: number; answeredAt?: number }[]): number {
    let most = 0;
    for (const start of spans.flatMap((s) => [s.at, s.answeredAt ?? Number.POSITIVE_INFINITY])) {
      if (!Number.isFinite(start)) continue;
      const inside = spans.filter((s) => s.at < start + 1_000 && (s.answeredAt ?? Number.POSITIVE_INFINITY) >= start);
      most = Math.max(most, inside.length);
    }
    return most;
  }

  it('keeps a place for every unanswered request: a stalled gateway is sent no more than the ceiling', async () => {
    const clock = new ManualClock();
    const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 600_000, clock });
    // The gateway answers nothing for 5 s, then everything at once.
    const { granted } = ask(limiter, clock, 30, () => 5_000);
    await clock.advance(4_900);
    expect(granted).toHaveLength(10);
    await clock.advance(20_000);
    expect(granted).toHaveLength(30);
    // Answered at 5 s to 5.9 s, their places free a second later: the eleventh leaves at 6 s.
    expect(granted[10].at).toBe(6_000);
    expect(worstArrivalSecond(granted)).toBeLessThanOrEqual(10);
  });

  it('never lets a second as Lumen stamps it hold more than the ceiling, whatever the answer times', async () => {
    const clock = new ManualClock((due) => (due * 31) % 23);
    const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 600_000, clock });
    // Answers from 1 ms to 1.7 s, as from a gateway that stalls now and then.
    const { granted, refused } = ask(limiter, clock, 200, (request) => 1 + ((request * 7919) % 1_700));
    await clock.advance(300_000);
    expect(refused).toEqual([]);
    expect(granted.map((g) => g.request)).toEqual([...Array(200).keys()]);
    expect(granted.every((g) => g.answeredAt !== undefined)).toBe(true);
    expect(worstArrivalSecond(granted)).toBeLessThanOrEqual(10);
    // Spacing alone (one every 100 ms) would have let a stamped second hold far more than 10.
    const spacedOnly = granted.map((g, i) => ({ at: i * 100, answeredAt: i * 100 + 1 + ((i * 7919) % 1_700) }));
    expect(worstArrivalSecond(spacedOnly)).toBeGreaterThan(10);
  });

  it('refuses a waiter whose place does not free up within its bound, unsent', async () => {
    const clock = new ManualClock();
    const limiter = new RequestRateLimiter({ perSecond: 2, maxWaitMs: 3_000, clock });
    const { granted, refused } = ask(limiter, clock, 3, () => 60_000); // answers that take a minute
    await clock.advance(10_000);
    expect(granted.map((g) => g.request)).toEqual([0, 1]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ request: 2 });
    expect(refused[0].at).toBeGreaterThan(3_000);
    expect(refused[0].at).toBeLessThan(3_100);
    expect((refused[0].error as RequestWaitTooLong).code).toBe('LUMEN_RATE_CEILING');
  });

  it('counts an answer once however often it is reported', async () => {
    const clock = new ManualClock();
    const limiter = new RequestRateLimiter({ perSecond: 1, maxWaitMs: 60_000, clock });
    const answered = await limiter.acquire();
    answered();
    answered();
    const { granted } = ask(limiter, clock, 2);
    await clock.advance(5_000);
    // One place: the next leaves a second after the first answer, the one after a second later.
    expect(granted.map((g) => g.at)).toEqual([1_000, 2_000]);
  });
});

describe('background requests (inventory polls)', () => {
  /** Asks for one turn with `priority`; pushes `label` to `log` when let through (answered at once). */
  function askAs(limiter: RequestRateLimiter, priority: 'foreground' | 'background', label: string, log: string[]) {
    const outcome = limiter.acquire(priority).then(
      (answered) => {
        log.push(label);
        answered();
      },
      (error: unknown) => {
        log.push(`${label} refused`);
        return error;
      },
    );
    return outcome;
  }

  it('leave only when no foreground request waits, and in the order they asked among themselves', async () => {
    const clock = new ManualClock();
    const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 20_000, backgroundMaxWaitMs: 5_000, clock });
    const log: string[] = [];
    void askAs(limiter, 'foreground', 'F0', log);
    void askAs(limiter, 'background', 'B1', log);
    void askAs(limiter, 'background', 'B2', log);
    void askAs(limiter, 'foreground', 'F1', log);
    await clock.advance(150);
    void askAs(limiter, 'foreground', 'F2', log);
    await clock.advance(1_000);
    expect(log).toEqual(['F0', 'F1', 'F2', 'B1', 'B2']);
  });

  it('go straight through when nothing waits', async () => {
    const clock = new ManualClock();
    const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 20_000, clock });
    const log: string[] = [];
    void askAs(limiter, 'background', 'B1', log);
    await settle();
    expect(log).toEqual(['B1']);
  });

  it('are refused at once, unsent, when their turn would come after their shorter bound (2 s by default)', async () => {
    const clock = new ManualClock();
    const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 20_000, clock, setting: 'CEILING' });
    expect(limiter.backgroundMaxWaitMs).toBe(2_000);
    const log: string[] = [];
    for (let i = 0; i < 25; i++) void askAs(limiter, 'foreground', `F${i}`, log);
    const error = await askAs(limiter, 'background', 'B', log);
    expect(log).toEqual(['F0', 'B refused']);
    expect(error).toBeInstanceOf(RequestWaitTooLong);
    expect((error as Error).message).toMatch(/CEILING=10.*more than the 2\.0 s a request may wait/);
    await clock.advance(3_000);
    expect(log.filter((entry) => entry.endsWith('refused'))).toEqual(['B refused']);
  });

  it('are refused, unsent, once foreground requests that came after them kept them waiting past their bound', async () => {
    const clock = new ManualClock();
    const limiter = new RequestRateLimiter({ perSecond: 10, maxWaitMs: 20_000, backgroundMaxWaitMs: 1_000, clock });
    const log: string[] = [];
    void askAs(limiter, 'foreground', 'F0', log);
    const background = askAs(limiter, 'background', 'B', log);
    for (let i = 1; i <= 15; i++) {
      void askAs(limiter, 'foreground', `F${i}`, log);
      await clock.advance(100);
    }
    await expect(background).resolves.toBeInstanceOf(RequestWaitTooLong);
    expect(log).toContain('B refused');
    expect(log).not.toContain('B');
    // Every foreground request went out, one interval apart.
    expect(log.filter((entry) => entry.startsWith('F'))).toHaveLength(16);
  });
});
