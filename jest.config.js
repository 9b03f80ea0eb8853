/** Tests run serially (one Temporal environment per file) and compile TypeScript with swc. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Their own suite (npm run test:cluster, jest.cluster.config.js): they need PostgreSQL and a server build.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cluster/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 120_000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/quiet-runtime.ts'],
};
