// Every page of a paginated list, fetched only as it is consumed. A provider's list hands
// in one function: a cursor in (undefined for the first page), its files and the next
// cursor out (none on the last page). A server that repeats a cursor or never ends is a
// ServerError, never an endless loop.
import { ServerError } from "./errors.js";

export interface Page<T, C> {
  items: readonly T[];
  /** The cursor of the next page; undefined (or null) when this was the last one. */
  next?: C | null;
}

export interface PagesOptions {
  /** Stop with a ServerError past this many pages (default 10,000). */
  maxPages?: number;
}

const key = (cursor: unknown): string => `${typeof cursor}:${String(cursor)}`;

/**
 * Items of every page, lazily: the first request is sent when the first item is asked
 * for, the next one only when the items of the page before are all consumed. Breaking
 * out of a `for await` after the first few items sends one request.
 */
export async function* pages<T, C>(provider: string, fetchPage: (cursor: C | undefined) => Promise<Page<T, C>>, options: PagesOptions = {}): AsyncGenerator<T, void, undefined> {
  const maxPages = options.maxPages ?? 10_000;
  const seen = new Set<string>();
  let cursor: C | undefined;
  for (let n = 1; ; n++) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (page.next === undefined || page.next === null) return;
    if (seen.has(key(page.next))) {
      throw new ServerError({ provider, message: `${provider}: the list's page ${n} points back to a page already read (cursor ${JSON.stringify(String(page.next)).slice(0, 80)}); stopped rather than loop`, retryable: false });
    }
    if (n >= maxPages) {
      throw new ServerError({ provider, message: `${provider}: the list did not end after ${maxPages} pages; stopped rather than loop`, retryable: false });
    }
    seen.add(key(page.next));
    cursor = page.next;
  }
}

/** Every item of an async iterable, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
