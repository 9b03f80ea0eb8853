/** The cluster's tests (test/cluster): a real PostgreSQL and two Temporal server nodes; run serially. */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 600_000,
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
};
