#!/usr/bin/env node
// Runs every test suite in order and closes with one "N passed, N failed" line over all of them.
// Usage: node test/run-all.mjs [suite...]   (suites: api-unit, api-e2e, web, e2e; default all)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const jest = 'node_modules/jest/bin/jest.js';
const SUITES = {
  'api-unit': { config: 'apps/api/jest.config.mjs', esm: true },
  'api-e2e': { config: 'test/api/jest.config.mjs', esm: true },
  web: { config: 'apps/web/jest.config.cjs', esm: false },
  // Browser tests of the built app in the system Chromium (needs `npm run build` first).
  e2e: { config: 'test/e2e/jest.config.mjs', esm: true },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SUITES);
const out = mkdtempSync(join(tmpdir(), 'rf-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let broken = false;

for (const name of wanted) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`Unknown suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(64);
  }
  const report = join(out, `${name}.json`);
  const nodeArgs = suite.esm ? ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', '--expose-gc'] : [];
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, [...nodeArgs, jest, '-c', suite.config, '--json', `--outputFile=${report}`], {
    stdio: 'inherit',
    env: process.env,
  });
  let result;
  try {
    result = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    result = null;
  }
  if (!result) {
    broken = true;
    lines.push(`${name}: did not report (exit ${run.status})`);
    totals.failed += 1;
    continue;
  }
  const failed = result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
  totals.passed += result.numPassedTests;
  totals.failed += failed;
  totals.skipped += result.numPendingTests + result.numTodoTests;
  if (run.status !== 0) broken = true;
  lines.push(`${name}: ${result.numPassedTests} passed, ${failed} failed (${result.numTotalTestSuites} files)`);
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
if (process.env.RF_TEST_TOTALS_FILE) writeFileSync(process.env.RF_TEST_TOTALS_FILE, JSON.stringify(totals));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(broken || totals.failed > 0 ? 1 : 0);
