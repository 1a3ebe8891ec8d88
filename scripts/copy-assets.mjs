#!/usr/bin/env node
// Copies the API's non-TypeScript runtime files (the assistant's prompt .md files) next to the
// compiled modules, so `new URL('./prompts/x.md', import.meta.url)` finds them in dist as in src.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'apps/api/src');
// tsc's rootDir is the repository root, so apps/api/src lands in apps/api/dist/apps/api/src.
const target = join(root, 'apps/api/dist/apps/api/src');
const ASSET = /\.md$/;

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(path);
    else if (ASSET.test(entry.name)) yield path;
  }
}

if (!existsSync(target)) {
  console.error(`copy-assets: ${relative(root, target)} does not exist; run tsc first`);
  process.exit(1);
}
let count = 0;
for (const file of assets(source)) {
  const destination = join(target, relative(source, file));
  mkdirSync(dirname(destination), { recursive: true });
  cpSync(file, destination);
  count += 1;
}
console.log(`copy-assets: ${count} file(s) copied to ${relative(root, target)}`);
