import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * API end-to-end tests: the real Nest app over HTTP on a real PostgreSQL. Each file gets its own
 * database cloned from a migrated template, so files run in parallel and share nothing.
 */
export default {
  displayName: 'api-e2e',
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/api/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', require('../../jest.swc.cjs')],
    // ESM-only packages that CommonJS dependencies require(): Jest's runtime cannot load them as is on Node 20.
    '^.+/node_modules/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper: {
    '^@resolutionflow/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30_000,
  injectGlobals: true,
};
