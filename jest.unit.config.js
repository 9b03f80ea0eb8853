/**
 * The fast tier (npm run test:unit): every test that needs no Temporal server and no process of its own.
 * A test that does needs one says so in its name, `*.server.test.ts`, and runs only in `npm test`;
 * test/fast-tier.ts fails any other test that tries to start one.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.server\\.test\\.ts$'],
  // Nothing here needs the Temporal binaries.
  globalSetup: undefined,
  setupFiles: [...base.setupFiles, '<rootDir>/test/fast-tier.ts'],
};
