import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface RootPackage {
  dir: string;
  version: string;
}

/** The repository's root package.json, found by walking up from wherever this file was compiled to. */
function findRootPackage(): RootPackage {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'resolutionflow') return { dir, version: pkg.version ?? '0.0.0' };
    }
    const parent = dirname(dir);
    if (parent === dir) return { dir: process.cwd(), version: '0.0.0' };
    dir = parent;
  }
}

const rootPackage = findRootPackage();

export const APP_VERSION = rootPackage.version;

/** Where the repository lives: the built web app and `.data/` are found relative to it. */
export const REPOSITORY_ROOT = rootPackage.dir;
