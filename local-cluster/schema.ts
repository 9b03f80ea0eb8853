// Creates (once) and migrates (every start) the temporal and temporal_visibility databases with
// Temporal's SQL tool and the schema files of the server's own module, as docker-compose.yml's
// temporal-schema one-shot does with deploy/temporal/setup-postgres-schema.sh.
import path from 'node:path';
import { TEMPORAL_SERVER_VERSION } from '../temporal-servers/paths';
import { runCommand, tail } from '../temporal-servers/run-command';
import type { DatabaseAccess } from './server-node';

export const DATABASES = [
  { name: 'temporal', versioned: path.join('temporal', 'versioned') },
  { name: 'temporal_visibility', versioned: path.join('visibility', 'versioned') },
] as const;

export interface SchemaOptions {
  sqlTool: string;
  /** schema/postgresql/v12 of the server's module. */
  schemaDir: string;
  database: DatabaseAccess;
}

/** Each step is safe to repeat: `create` of an existing database and applied versions are skipped. */
export async function migrateSchemas(options: SchemaOptions, log: (line: string) => void): Promise<void> {
  const { sqlTool, schemaDir, database } = options;
  // The password goes in the environment, not in arguments that any process listing shows.
  const env = { PATH: process.env.PATH, SQL_PASSWORD: database.password };
  for (const { name, versioned } of DATABASES) {
    const base = ['--plugin', 'postgres12', '--ep', database.host, '-p', String(database.port), '-u', database.user];
    const steps = [
      ['create-database'],
      ['setup-schema', '-v', '0.0'],
      ['update-schema', '-d', path.join(schemaDir, versioned)],
    ];
    for (const step of steps) {
      const result = await runCommand(sqlTool, [...base, '--db', name, ...step], { env, timeoutMs: 300_000 });
      if (result.code !== 0) {
        const why = result.spawnError ?? `exit ${result.code}: ${tail(result.stdout + result.stderr)}`;
        throw new Error(`temporal-sql-tool ${step[0]} on database ${name} failed (${why})`);
      }
    }
    log(`database ${name} is at the schema Temporal ${TEMPORAL_SERVER_VERSION} needs`);
  }
}
