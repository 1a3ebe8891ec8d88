import { Foundation1764150000000 } from './1764150000000-foundation.js';

/** Every migration, oldest first. A new migration is a new file, listed here; landed files are never edited. */
export const MIGRATIONS: Function[] = [Foundation1764150000000];
