import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Unit tests beside the API code. Nest 12 is ESM-only, so Jest runs in its native ESM mode. */
export default {
  displayName: 'api-unit',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', require('../../jest.swc.cjs')],
    // ESM-only packages that CommonJS dependencies require(): Jest's runtime cannot load them as is on Node 20.
    '^.+/node_modules/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper: {
    '^@resolutionflow/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  injectGlobals: true,
};
