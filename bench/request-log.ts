// What Lumen's side saw, from the sandbox's request log: the busiest second and where requests went.
import type { RequestLogEntry } from '../sandbox/admin-client';

/** The most requests in any window [t, t + 1 s) of arrival times, and where that window starts. */
export function busiestSecond(entries: readonly RequestLogEntry[]): { requests: number; from?: string } {
  const times = entries.map((entry) => Date.parse(entry.at)).sort((a, b) => a - b);
  let best = { requests: 0, from: undefined as number | undefined };
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= 1_000) first++;
    if (last - first + 1 > best.requests) best = { requests: last - first + 1, from: times[first] };
  }
  return { requests: best.requests, from: best.from === undefined ? undefined : new Date(best.from).toISOString() };
}

/** "GET /ProductInventory/v1/inventory" → how many, busiest first. */
export function requestsByEndpoint(entries: readonly RequestLogEntry[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const endpoint = `${entry.method} ${entry.path}`;
    counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}
