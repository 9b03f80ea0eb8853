// PostgreSQL refuses to run as root. When this process is root (CI is), PostgreSQL runs as the
// `postgres` account that Debian's package creates, or as `nobody` where there is none.
import { runCommand } from '../temporal-servers/run-command';

export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

const CANDIDATES = ['postgres', 'nobody'];

async function idOf(name: string): Promise<RunAs | undefined> {
  const [uid, gid] = await Promise.all([runCommand('id', ['-u', name]), runCommand('id', ['-g', name])]);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The account to run PostgreSQL as; undefined when this process is not root (it runs as itself). */
export async function unprivilegedUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of CANDIDATES) {
    const found = await idOf(name);
    if (found && found.uid !== 0) return found;
  }
  throw new Error(
    `running as root, and none of the accounts ${CANDIDATES.join(', ')} exists to run PostgreSQL as ` +
      '(PostgreSQL refuses to run as root): create one, e.g. useradd --system postgres',
  );
}
