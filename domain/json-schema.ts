// The request and the result as JSON Schema (draft-07, the draft every language's validators read),
// generated from the zod schemas so other languages check against the same rules as this code.
import { z } from 'zod';
import { provisioningRequestSchema } from './request';
import { provisioningResultSchema } from './status';

type JsonSchema = z.core.JSONSchema.BaseSchema;

function titled(title: string, description: string, generated: JsonSchema): JsonSchema {
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/** What a backend sends: the input side, so defaults show as defaults and durations may be text. */
export function provisioningRequestJsonSchema(): JsonSchema {
  return titled(
    'provisionInternetOnDemand request',
    'The one argument of the provisionInternetOnDemand workflow. The workflow checks it again, with the rules ' +
      'JSON Schema cannot say (speed words, US phone numbers, durations), and fails with InvalidRequest naming ' +
      'every bad field.',
    z.toJSONSchema(provisioningRequestSchema, { io: 'input', target: 'draft-7' }),
  );
}

/** What the workflow returns when the service is ACTIVE. */
export function provisioningResultJsonSchema(): JsonSchema {
  return titled(
    'provisionInternetOnDemand result',
    'The result of a provisioning whose service is ACTIVE. Fields may be added later: accept unknown ones.',
    z.toJSONSchema(provisioningResultSchema, {
      io: 'output',
      target: 'draft-7',
      // The result is "at least" these fields: a reader must not reject one added later.
      override: ({ zodSchema, jsonSchema }) => {
        if (zodSchema === provisioningResultSchema) delete jsonSchema.additionalProperties;
      },
    }),
  );
}

/** The committed files under schema/, by name, and what each must hold. */
export const JSON_SCHEMA_FILES: Record<string, () => JsonSchema> = {
  'provisioning-request.schema.json': provisioningRequestJsonSchema,
  'provisioning-result.schema.json': provisioningResultJsonSchema,
};
