// Faults injected per endpoint through /_sandbox/faults, to test what callers do when Lumen misbehaves.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { gatewayError, json, type SandboxResponse } from './responses';

export const faultKinds = ['status', 'rate-limit', 'latency', 'reset-before', 'reset-after'] as const;

export const faultSchema = z.object({
  /** HTTP method to match, or "*" for any. */
  method: z
    .string()
    .default('*')
    .transform((method) => method.toUpperCase()),
  /** Exact request path, without query: "/Customer/v3/Ordering/orderRequest". */
  path: z.string().startsWith('/'),
  /**
   * status: answer `status` (default 500) with `body` (default a gateway error) without applying;
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
  /** How many matching requests the fault hits. */
  times: z.number().int().min(1).default(1),
});

export type FaultSpec = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: string; remaining: number };

export class FaultBook {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const parsed = faultSchema.parse(spec);
    const fault: Fault = { ...parsed, id: randomUUID(), remaining: parsed.times };
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
    const fault = this.faults.find(
      (f) => f.remaining > 0 && f.path === path && (f.method === '*' || f.method === method),
    );
    if (fault) fault.remaining -= 1;
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
  const status = fault.status ?? 500;
  if (fault.body === undefined) {
    const response = gatewayError(status, 'Injected fault');
    return { ...response, headers: { ...response.headers, ...fault.headers } };
  }
  return json(status, fault.body, fault.headers);
}
