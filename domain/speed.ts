// Lumen writes one speed many ways ("100 Mbps", "1000 mbps", "1 gbps"); compare them in megabits.

const SPEED = /^\s*(\d+(?:\.\d+)?)\s*([kmg])(?:bps|b\/s|bit\/s)?\s*$/i;
const FACTOR: Record<string, number> = { k: 0.001, m: 1, g: 1000 };

/** Megabits per second for a speed as Lumen or a user writes it; undefined if unreadable. */
export function speedToMbps(speed: string): number | undefined {
  const match = SPEED.exec(speed);
  if (!match) return undefined;
  const mbps = Number(match[1]) * FACTOR[match[2].toLowerCase()];
  return mbps > 0 ? Math.round(mbps * 1000) / 1000 : undefined;
}

/** The canonical form used in messages and results: 1000 → "1 Gbps", 100 → "100 Mbps". */
export function formatMbps(mbps: number): string {
  return mbps >= 1000 && mbps % 1000 === 0 ? `${mbps / 1000} Gbps` : `${mbps} Mbps`;
}
