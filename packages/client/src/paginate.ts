// Cursor pagination as an async iterator: `for await (const task of paginate((cursor) => list({ cursor })))`.
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetches page after page until the server answers no next cursor; stops early when the loop breaks. */
export async function* paginate<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
