// Building blocks for reading Lumen tolerantly: known fields in any letter case, unknown fields kept,
// numbers that arrive as strings, single objects where arrays were expected.
import { z } from 'zod';

/** Renames keys that match a known field in another letter case ("masterSiteid" → "masterSiteId"). */
function canonicalKeys(value: unknown, names: Map<string, string>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  let renamed: Record<string, unknown> | undefined;
  for (const key in record) {
    const canonical = names.get(key) ?? names.get(key.toLowerCase());
    if (canonical === undefined || canonical === key) continue;
    renamed ??= { ...record };
    // The exact spelling wins when both are present.
    if (!(canonical in record)) renamed[canonical] = record[key];
  }
  return renamed ?? value;
}

/** A loose object whose known fields are also found under other letter cases. */
export function tolerantObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = new Map<string, string>();
  for (const key of Object.keys(shape)) {
    names.set(key, key);
    names.set(key.toLowerCase(), key);
  }
  return z.preprocess((value) => canonicalKeys(value, names), z.looseObject(shape));
}

/** A single object where a list was expected is read as a list of one. */
export function oneOrMany<Item extends z.ZodType>(item: Item) {
  return z.preprocess(
    (value) => (value === undefined || value === null || Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

/** Identifiers arrive as strings or numbers; kept as strings. */
export const idText = z.union([z.string().trim().min(1), z.number().transform(String)], {
  error: 'must be a non-empty string or a number',
});

/** A non-negative number written as a number or a numeric string ("1799"). */
export const numeric = z.union(
  [
    z.number().nonnegative(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number),
  ],
  { error: 'must be a number' },
);

/** Descriptive text the flow can live without: a wrong type is dropped instead of failing the call. */
export const optionalText = z.string().nullish().catch(undefined);
export const optionalId = idText.nullish().catch(undefined);
export const optionalNumber = numeric.nullish().catch(undefined);

/** true / false, also written "true" / "True" / "false". */
export const optionalBoolean = z
  .union([
    z.boolean(),
    z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE']).transform((v) => v.toLowerCase() === 'true'),
  ])
  .nullish()
  .catch(undefined);
