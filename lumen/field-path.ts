// One way to name a field in errors, whether Lumen pointed at it or the client found it missing:
// "productOrderItem[0].quantity".

export function formatFieldPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number' || (typeof segment === 'string' && /^\d+$/.test(segment)))
      out += `[${String(segment)}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** "/productOrderItem/0/quantity", "#/externalId", "$.externalId" or a plain name → a field path. */
export function fieldFromPointer(pointer: string): string {
  const trimmed = pointer.trim();
  if (trimmed.startsWith('$.')) return trimmed.slice(2);
  const body = trimmed.startsWith('#') ? trimmed.slice(1) : trimmed;
  if (!body.startsWith('/')) return body;
  const segments = body
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return formatFieldPath(segments);
}
