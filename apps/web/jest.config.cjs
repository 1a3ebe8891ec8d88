// Run from the repository root: npx jest -c apps/web/jest.config.cjs
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset(),
  displayName: 'web',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/setup-jest.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: {
    // Tests read the contracts from source, so they never depend on a stale build.
    '^@resolutionflow/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    // The contracts use ESM-style `./x.js` specifiers that resolve to `./x.ts` in source.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
