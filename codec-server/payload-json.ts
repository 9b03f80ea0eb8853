// The codec server protocol's body, { "payloads": [ { "metadata": { k: base64 }, "data": base64 } ] },
// as the Temporal UI and CLI send it, read into payloads and written back.
import type { Payload } from '@temporalio/common';
import { z } from 'zod';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');

const bodySchema = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), base64).nullish(),
      data: base64.nullish(),
    }),
  ),
});

export type PayloadsBody = z.input<typeof bodySchema>;

/** The payloads of a request body, or the first problem with it ("payloads.0.data: must be base64"). */
export function readPayloadsBody(json: unknown): { ok: true; payloads: Payload[] } | { ok: false; problem: string } {
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue.path.join('.') || 'body'}: ${issue.message}` };
  }
  const payloads = parsed.data.payloads.map(({ metadata, data }): Payload => ({
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(data ?? '', 'base64'),
  }));
  return { ok: true, payloads };
}

export function payloadsBody(payloads: Payload[]): PayloadsBody {
  return {
    payloads: payloads.map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
      ),
      data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}
