import { Foundation1764150000000 } from './1764150000000-foundation.js';
import { Identity1764160000000 } from './1764160000000-identity.js';
import { Jobs1764170000000 } from './1764170000000-jobs.js';

/** Every migration, oldest first. A new migration is a new file, listed here; landed files are never edited. */
export const MIGRATIONS: Function[] = [Foundation1764150000000, Identity1764160000000, Jobs1764170000000];
