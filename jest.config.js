// Jest runs the TypeScript sources directly (ESM, transformed by swc); type-checking is `tsc --noEmit`.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/generated/'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 30000,
  // PostgreSQL from DATABASE_URL, or one started for the run (test/services/).
  globalSetup: '<rootDir>/test/services/global-setup.mjs',
  globalTeardown: '<rootDir>/test/services/global-teardown.mjs',
};
