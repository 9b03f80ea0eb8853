// Finds or provisions the time-skipping test server: the Java SDK's io.temporal:temporal-test-server,
// its classpath resolved once with Maven and run through a small executable wrapper.
import { access, chmod, constants, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultLog, explicitBinary, type ResolveOptions, type ResolvedBinary } from './cli-binary';
import { cachedOrBuilt } from './cached-build';
import { TEMPORAL_BIN, TEMPORAL_HOME, TEST_SERVER_ARTIFACT } from './paths';
import { runCommand, tail } from './run-command';

export const TEST_SERVER_WRAPPER = path.join(TEMPORAL_BIN, 'temporal-test-server');
const WORK_DIR = path.join(TEMPORAL_HOME, 'test-server');
const CLASSPATH_FILE = path.join(WORK_DIR, 'classpath.txt');

function pom(): string {
  const [groupId, artifactId, version] = TEST_SERVER_ARTIFACT.split(':');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.provisioning</groupId>
  <artifactId>temporal-test-server-classpath</artifactId>
  <version>1</version>
  <dependencies>
    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>
    <!-- Silences SLF4J's "no binder" notice on every start. -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;
}

// Lean JVM flags: the SDK gives the server 5 seconds to listen. The classpath is found beside the wrapper,
// not at a path of one checkout's, so a .temporal/bin shared between checkouts keeps working.
function wrapper(): string {
  const classpath = path.relative(TEMPORAL_BIN, CLASSPATH_FILE);
  return `#!/bin/sh
# Runs ${TEST_SERVER_ARTIFACT} from the classpath Maven resolved.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$(cat "$(dirname "$0")/${classpath}")" io.temporal.testserver.TestServer "$@"
`;
}

/**
 * The wrapper is usable when every jar on its classpath is still in the Maven cache. One written by an
 * earlier release (which named its checkout's classpath file) is written again.
 */
async function cachedWrapper(): Promise<boolean> {
  try {
    const jars = (await readFile(CLASSPATH_FILE, 'utf8')).trim().split(path.delimiter);
    await Promise.all(jars.map((jar) => access(jar)));
    if (!jars.some((jar) => jar.includes('temporal-test-server')) || !jars.some((jar) => jar.includes('slf4j-nop'))) {
      return false;
    }
    const current = await readFile(TEST_SERVER_WRAPPER, 'utf8').catch(() => '');
    if (current !== wrapper()) await writeWrapper();
    await access(TEST_SERVER_WRAPPER, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function writeWrapper(): Promise<void> {
  await mkdir(TEMPORAL_BIN, { recursive: true });
  await writeFile(TEST_SERVER_WRAPPER, wrapper());
  await chmod(TEST_SERVER_WRAPPER, 0o755);
}

async function resolveWithMaven(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string | undefined> {
  const java = await runCommand('java', ['-version'], { env });
  if (java.spawnError) return `Java is not installed (${java.spawnError})`;
  await mkdir(WORK_DIR, { recursive: true });
  await writeFile(path.join(WORK_DIR, 'pom.xml'), pom());
  log(`resolving ${TEST_SERVER_ARTIFACT} with Maven`);
  const started = Date.now();
  const result = await runCommand(
    'mvn',
    ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`],
    { cwd: WORK_DIR, env },
  );
  if (result.spawnError) return `Maven is not installed (${result.spawnError})`;
  if (result.code !== 0) return `mvn failed (exit ${result.code}): ${tail(result.stdout + result.stderr)}`;
  await writeWrapper();
  log(`test server ready at ${TEST_SERVER_WRAPPER} (${Math.round((Date.now() - started) / 1000)}s)`);
  return undefined;
}

/** Finds the time-skipping test server, resolving it once if needed. Safe when several processes ask. */
export async function resolveTestServer(options: ResolveOptions = {}): Promise<ResolvedBinary> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const tried: string[] = [];

  const explicit = await explicitBinary(env, 'TEMPORAL_TEST_SERVER_PATH', tried);
  if (explicit) return explicit;

  const cached = await cachedOrBuilt(
    {
      file: TEST_SERVER_WRAPPER,
      isCurrent: cachedWrapper,
      lock: 'test-server.lock',
      busy: 'resolving the test server',
      build: () => resolveWithMaven(env, log),
      builtBy: 'resolved with Maven',
    },
    tried,
    log,
  );
  if (!('buildError' in cached)) return cached;
  const mavenError = cached.buildError;
  tried.push(`Maven (${TEST_SERVER_ARTIFACT}): ${mavenError}`);
  log(`could not resolve the test server with Maven (${mavenError}); falling back to the SDK's download`);
  return { executable: { type: 'cached-download', version: 'default' }, source: "the SDK's download", tried };
}
