import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Browser end-to-end tests: the BUILT web app served by the BUILT API (a child process on its
 * own cloned database), driven in the system Chromium by playwright-core. Builds nothing:
 * run `npm run build` first.
 */
export default {
  displayName: 'e2e',
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', require('../../jest.swc.cjs')],
  },
  moduleNameMapper: {
    '^@resolutionflow/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // Each file runs its own API process and browser; a few at a time keeps the machine responsive.
  maxWorkers: 4,
  testTimeout: 60_000,
  injectGlobals: true,
};
