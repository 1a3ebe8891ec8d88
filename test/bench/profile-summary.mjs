/**
 * Where a CPU profile spends its time: `node test/bench/profile-summary.mjs <file.cpuprofile> [top]`.
 * Self time by package (node_modules/<name>, the API's own code, Node internals, idle/GC) and the
 * hottest functions. Profiles come from `BENCH_CPU_PROF=<dir> npm run bench` (the HTTP run).
 */
import { readFileSync } from 'node:fs';

export function summarizeProfile(file, top = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i += 1) {
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const packages = new Map();
  const functions = new Map();
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    const where = packageOf(callFrame.url, callFrame.functionName);
    packages.set(where, (packages.get(where) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const rank = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  return { seconds: total / 1e6, packages: rank(packages), functions: rank(functions) };
}

function packageOf(url, fn) {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return mod[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/apps/api/dist/')) return 'api (own code)';
  if (url.includes('/libs/contracts/')) return 'contracts';
  return url;
}

function shortUrl(url) {
  return url.replace(/^file:\/\/.*node_modules\//, '').replace(/^file:\/\/.*\/apps\/api\/dist\/apps\/api\/src\//, 'api/');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node test/bench/profile-summary.mjs <file.cpuprofile> [top]');
    process.exit(64);
  }
  const summary = summarizeProfile(file, Number(top ?? 25));
  console.log(`${summary.seconds.toFixed(1)} s sampled\n\nSelf time by package:`);
  for (const line of summary.packages) console.log(line);
  console.log('\nHottest functions (self time):');
  for (const line of summary.functions) console.log(line);
}
