// The error bodies Lumen's gateways send: v2 {code,reason,message,referenceError}, v1 {ErrorCode,Error},
// RFC 9457 problem details, and OAuth's {error,error_description}. One tolerant schema reads them all.
import { z } from 'zod';
import { optionalNumber, optionalText, tolerantObject } from './tolerant';

const text = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .catch(undefined);

const problemFieldSchema = tolerantObject({
  detail: optionalText,
  message: optionalText,
  pointer: optionalText,
  field: optionalText,
  name: optionalText,
});

export const errorEnvelopeSchema = tolerantObject({
  // gateway v2
  code: text,
  reason: optionalText,
  message: optionalText,
  referenceError: optionalText,
  // gateway v1 (case variants such as "errorCode"/"error" fold into these)
  ErrorCode: text,
  Error: text,
  // RFC 9457
  type: optionalText,
  title: optionalText,
  status: optionalNumber,
  detail: optionalText,
  instance: optionalText,
  errors: z.array(problemFieldSchema).nullish().catch(undefined),
  // OAuth token endpoint
  error_description: optionalText,
  // 409 on an already-ordered quote
  existingOrderId: text,
});

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
export type ProblemField = z.infer<typeof problemFieldSchema>;
