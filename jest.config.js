// Jest runs the TypeScript sources directly (ESM, transformed by swc); type-checking is `tsc --noEmit`.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/generated/'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    // keepImportAttributes: `with { type: 'json' }` reaches Node, which loads JSON modules only with it.
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', experimental: { keepImportAttributes: true } }, module: { type: 'es6' } },
    ],
  },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 30000,
  // Most of the service tests' time is spent waiting (a Kafka group join takes 3 s on the mock), so
  // three workers on this 2-core machine cut the suite from about 97 s to about 41 s.
  maxWorkers: 3,
  // A worker's exit frees a heap of hundreds of MB, which takes 250-680 ms here with three exiting on
  // two cores: past jest's 500 ms it is killed and reported as leaking, though its event loop is empty.
  workerGracefulExitTimeout: 2000,
  // PostgreSQL from DATABASE_URL, or one started for the run (test/services/).
  globalSetup: '<rootDir>/test/services/global-setup.mjs',
  globalTeardown: '<rootDir>/test/services/global-teardown.mjs',
};
