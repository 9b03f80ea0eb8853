// What a process tree costs the machine, read from /proc (Linux): its RSS sampled every second, and
// the CPU time it used between two points, so a bench can say which process a phase was bound by.
import { readdir, readFile } from 'node:fs/promises';

const SAMPLE_MS = 1_000;
/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
export const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

/** The process and every descendant of it (all of the worker, whatever it started). */
export async function processTree(pid: number): Promise<number[]> {
  // Every thread's children: the SDK's native threads start the dev server, not the main thread.
  const threads = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = await Promise.all(
    threads.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')),
  );
  const ids = children.join(' ').split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...(await Promise.all(ids.map(processTree))).flat()];
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
}

async function commandName(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim();
}

/** User plus system CPU seconds a process has used (0 once it is gone). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICKS_PER_SECOND;
}

/** CPU seconds of a whole process tree. */
export async function treeCpuSeconds(pid: number): Promise<number> {
  const tree = await processTree(pid);
  return (await Promise.all(tree.map(cpuSeconds))).reduce((a, b) => a + b, 0);
}

/**
 * The first descendant of `pid` whose command starts with `name` (`temporal` finds the dev server, whose
 * binary `temporal-dev-server-<version>-<digest>` the kernel shows cut to 15 characters).
 */
export async function descendantNamed(pid: number, name: string): Promise<number | undefined> {
  for (const id of await processTree(pid)) if (id !== pid && (await commandName(id)).startsWith(name)) return id;
  return undefined;
}

/** Samples the RSS of a process tree every second; peak and mean since the last `reset()`. */
export function rssSampler(pid: number) {
  let peak = 0;
  let last = 0;
  let sum = 0;
  let samples = 0;
  let stopped = false;
  const sample = async () => {
    const tree = await processTree(pid);
    last = (await Promise.all(tree.map(rssKb))).reduce((a, b) => a + b, 0);
    peak = Math.max(peak, last);
    sum += last;
    samples += 1;
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await sleep(SAMPLE_MS);
    }
  })();
  return {
    /** Resolves once a sample has been taken now. */
    sampled: sample,
    /** Each process's RSS now, "node 210 MB". */
    breakdown: async () => {
      const tree = await processTree(pid);
      const parts = await Promise.all(tree.map(async (id) => `${await commandName(id)} ${mb(await rssKb(id))}`));
      return parts.join(' + ');
    },
    peak: () => peak,
    last: () => last,
    mean: () => (samples ? sum / samples : last),
    reset: () => {
      peak = last;
      sum = 0;
      samples = 0;
    },
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/**
 * CPU seconds each named process tree used since `start`, and this process's own (named `ownName`);
 * `report()` says it per item of work.
 */
export async function cpuMeter(trees: Record<string, number | undefined>, ownName = 'bench and receiver') {
  const named = Object.entries(trees).filter((entry): entry is [string, number] => entry[1] !== undefined);
  const read = async () => Promise.all(named.map(async ([, pid]) => treeCpuSeconds(pid)));
  const ownAtStart = process.cpuUsage();
  const atStart = await read();
  return {
    /** "worker 41.2 s (4.1 ms each), …" for `items` items of work done since the start. */
    async report(items: number): Promise<string> {
      const now = await read();
      const own = process.cpuUsage(ownAtStart);
      const used = [
        ...named.map(([name], i) => [name, now[i] - atStart[i]] as const),
        [ownName, (own.user + own.system) / 1e6] as const,
      ];
      return used
        .map(
          ([name, secondsUsed]) =>
            `${name} ${secondsUsed.toFixed(1)} s (${((secondsUsed * 1000) / items).toFixed(1)} ms each)`,
        )
        .join(', ');
    },
  };
}
