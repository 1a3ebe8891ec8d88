import type { Page } from '@resolutionflow/contracts';
import { AppError } from '../errors/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keyset pagination by `(created_at, id)`. The cursor names the last row served, and the next
 * page is read relative to that row in the database, so timestamps never lose precision in transit.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId).toString('base64url');
}

/** The row id inside a cursor this API issued; anything else is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) {
    throw new AppError(400, 'validation_failed', 'The request query is invalid', {
      fields: { cursor: ['is not a cursor this list returned'] },
    });
  }
  return id;
}

/** Turns `limit + 1` fetched rows into a page: the extra row only signals that another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null };
}

export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
