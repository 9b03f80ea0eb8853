// The benchmarks' tunables: a whole positive number from the environment, or the bench's default.
export function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
