// Ids for services nobody manages: a test that needs one Lumen has asks the world for it (world.ts).

let counter = 0;

/** A service id unused in this process: a disconnected service's workflow id cannot be used again. */
export function uniqueServiceId(prefix = 'S'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
