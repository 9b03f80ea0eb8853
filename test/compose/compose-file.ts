// Reads docker-compose.yml the way Docker Compose does (YAML merge keys on) into typed services.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface ComposeService {
  image?: string;
  build?: string | { context: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | null> | string[];
  ports?: (string | number)[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readRepoFile(relative: string): string {
  return readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

/** The parsed file, and the parser's complaints (empty when it is valid YAML). */
export function loadCompose(relative = 'docker-compose.yml'): { compose: ComposeFile; errors: string[] } {
  const document = parseDocument(readRepoFile(relative), { merge: true });
  return { compose: document.toJS({ maxAliasCount: 100 }) as ComposeFile, errors: document.errors.map(String) };
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value === null ? '' : String(value)]));
}

export function argv(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

/** "host:container" pairs a service publishes, as numbers. */
export function publishedPorts(service: ComposeService): { host: number; container: number }[] {
  return (service.ports ?? []).map((entry) => {
    const parts = String(entry).split(':');
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });
}

/** Maps a path inside a container back to the repository, through the service's bind mounts. */
export function hostPathOf(service: ComposeService, containerPath: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (!source.startsWith('.') || !target) continue;
    if (containerPath === target || containerPath.startsWith(`${target}/`)) {
      return path.join(source, containerPath.slice(target.length));
    }
  }
  return undefined;
}
