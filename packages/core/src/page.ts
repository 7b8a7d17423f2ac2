// Keyset pagination helpers: fetch `limit + 1` rows, return `limit` and the cursor of the last one when more exist.
export interface PageInput {
  cursor?: string | null;
  limit: number;
}

/** The where-fragment of an ascending id page (UUIDv7 ids are time-ordered). */
export const afterId = (input: PageInput) => (input.cursor ? { id: { gt: input.cursor } } : {});

export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(map), nextCursor: rows.length > limit && last ? last.id : null };
}

/** The where-fragment of a newest-first page on (created_at, id): rows strictly after the cursor row. */
export const olderThan = (cursor: { id: string; createdAt: Date }) => ({
  OR: [
    { createdAt: { lt: cursor.createdAt } },
    { createdAt: cursor.createdAt, id: { lt: cursor.id } },
  ],
});
