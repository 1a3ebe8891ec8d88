import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
// BENCH_API_DIST points the suite at another build of the API (e.g. a copy from before a change).
export const API_DIST = process.env.BENCH_API_DIST ? join(process.env.BENCH_API_DIST, 'apps/api/src') : join(ROOT, 'apps/api/dist/apps/api/src');
export const MAIN_JS = join(API_DIST, 'main.js');
export const CLI_JS = join(API_DIST, 'cli.js');
export const WEB_DIST = join(ROOT, 'dist/web/browser');
export const RESULTS_DIR = join(ROOT, 'test/bench/results');
// Debian's Chromium: the web phase never downloads a browser of its own.
export const CHROMIUM = '/usr/bin/chromium';

/** A stop the user can act on: printed without a stack. */
export class NotBuiltError extends Error {}

/**
 * The suite runs the built artifacts, never the sources: a missing build (or, for the web phase,
 * browser) is a clear stop before minutes of other phases, not a crash at the end.
 */
export function assertBuilt({ web }) {
  const missing = [MAIN_JS, CLI_JS, ...(web ? [join(WEB_DIST, 'index.html')] : [])].filter((file) => !existsSync(file));
  if (missing.length) {
    throw new NotBuiltError(`Not built: ${missing.map((f) => relative(ROOT, f)).join(', ')}. Run \`npm run build\` first, then \`npm run bench\`.`);
  }
  if (web && !existsSync(CHROMIUM)) {
    throw new NotBuiltError(`The web phase needs Chromium at ${CHROMIUM} (apt-get install chromium), or leave it out: BENCH_ONLY=http,sse,claim,analytics,two.`);
  }
}
