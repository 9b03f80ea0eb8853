/**
 * The fast tier (npm run test:unit): tests that start no Temporal server and no process — the domain,
 * the Lumen client, the sandbox, the codec, the receiver's parts, the configurations, and the replay
 * of the committed histories. Under a minute.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/activities/**/*.test.ts',
    '<rootDir>/test/client/calendar-spec.test.ts',
    '<rootDir>/test/codec/encryption-codec.test.ts',
    '<rootDir>/test/codec/payload-settings.test.ts',
    '<rootDir>/test/codec-server/**/*.test.ts',
    '<rootDir>/test/compose/**/*.test.ts',
    '<rootDir>/test/docs/**/*.test.ts',
    '<rootDir>/test/domain/**/*.test.ts',
    '<rootDir>/test/logging/**/*.test.ts',
    '<rootDir>/test/lumen/**/*.test.ts',
    '<rootDir>/test/sandbox/**/*.test.ts',
    '<rootDir>/test/stack/config.test.ts',
    '<rootDir>/test/webhooks/{config,seen-events,signature,signal-gate}.test.ts',
    '<rootDir>/test/workflow/{replay,first-poll-gate,worker-config,worker-deployment,prebuilt-bundle}.test.ts',
  ],
  // Nothing here needs the Temporal binaries.
  globalSetup: undefined,
};
