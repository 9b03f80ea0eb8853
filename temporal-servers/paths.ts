// Where the project keeps the Temporal binaries it provisions: inside the checkout, ignored by git.
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const TEMPORAL_HOME = path.join(PROJECT_ROOT, '.temporal');
export const TEMPORAL_BIN = path.join(TEMPORAL_HOME, 'bin');

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli';
/** The Java SDK's time-skipping test server, resolved from Maven Central. */
export const TEST_SERVER_ARTIFACT = 'io.temporal:temporal-test-server:1.38.0';

/** The server a real cluster runs, and its SQL schema tool. */
export const TEMPORAL_SERVER_VERSION = '1.32.2';
/** The server's go.mod asks for a newer Go than Debian's: `go` fetches this toolchain from the module proxy. */
export const TEMPORAL_SERVER_GO_TOOLCHAIN = 'go1.27.3';
export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
