// Faults injected per endpoint through /_sandbox/faults, to test what callers do when Lumen misbehaves.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { gatewayError, json, type SandboxResponse } from './responses';

export const faultKinds = ['status', 'status-after', 'rate-limit', 'latency', 'reset-before', 'reset-after'] as const;

const oneFaultSchema = z.object({
  /** HTTP method to match, or "*" for any. */
  method: z
    .string()
    .default('*')
    .transform((method) => method.toUpperCase()),
  /** Exact request path, without query: "/Customer/v3/Ordering/orderRequest". */
  path: z.string().startsWith('/'),
  /**
   * status: answer `status` (default 500) with `body` (default a gateway error) without applying;
   * status-after: apply, then answer `status` (default 504) as a gateway that lost the real answer would;
   * rate-limit: 429 with Retry-After; latency: wait `latencyMs`, then serve normally;
   * reset-before: destroy the socket without applying; reset-after: apply, then destroy the socket unanswered.
   */
  kind: z.enum(faultKinds),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  retryAfterSeconds: z.number().int().min(0).default(1),
  /** Delay before the fault (or the normal answer, for kind latency) takes effect. */
  latencyMs: z.number().int().min(0).default(0),
  /** How many matching requests the fault hits (with `forMs`: every one in that window unless given). */
  times: z.number().int().min(1).optional(),
  /** Keeps the fault armed for this long from now, e.g. ordering unavailable for 20 minutes. */
  forMs: z.number().int().min(1).optional(),
  /** Hits each matching request with this chance (default 1); a request it spares does not use it up. */
  probability: z.number().gt(0).max(1).default(1),
});

export const faultSchema = oneFaultSchema.extend({
  /** Faults armed when this one hits, their windows starting then: ordering down for a while after a lost answer. */
  then: z.array(oneFaultSchema).max(10).optional(),
});

export type FaultSpec = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & {
  id: string;
  /** Requests it may still hit; null when only its window limits it. */
  remaining: number | null;
  /** ISO time the window closes, when the fault has one. */
  until?: string;
};

export class FaultBook {
  private faults: Fault[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly chance: () => number = Math.random,
  ) {}

  add(spec: FaultSpec): Fault {
    return this.arm(faultSchema.parse(spec));
  }

  private arm(parsed: z.output<typeof faultSchema>): Fault {
    const remaining = parsed.times ?? (parsed.forMs === undefined ? 1 : null);
    const until = parsed.forMs === undefined ? undefined : new Date(this.now() + parsed.forMs).toISOString();
    const fault: Fault = { ...parsed, id: randomUUID(), remaining, ...(until ? { until } : {}) };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first armed fault for this request, counted as used. */
  take(method: string, path: string): Fault | undefined {
    const now = this.now();
    const fault = this.faults.find(
      (f) =>
        (f.remaining === null || f.remaining > 0) &&
        (f.until === undefined || now < Date.parse(f.until)) &&
        f.path === path &&
        (f.method === '*' || f.method === method) &&
        (f.probability >= 1 || this.chance() < f.probability),
    );
    if (fault && fault.remaining !== null) fault.remaining -= 1;
    for (const next of fault?.then ?? []) this.arm(next);
    return fault;
  }
}

/** The answer a status or rate-limit fault gives instead of the real one. */
export function faultResponse(fault: Fault): SandboxResponse {
  if (fault.kind === 'rate-limit') {
    const response =
      fault.body === undefined ? gatewayError(429, 'Rate limit exceeded') : json(429, fault.body, fault.headers);
    return { ...response, headers: { ...response.headers, 'retry-after': String(fault.retryAfterSeconds) } };
  }
  const status = fault.status ?? (fault.kind === 'status-after' ? 504 : 500);
  if (fault.body === undefined) {
    const response = gatewayError(status, 'Injected fault');
    return { ...response, headers: { ...response.headers, ...fault.headers } };
  }
  return json(status, fault.body, fault.headers);
}
