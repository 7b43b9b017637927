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

export interface PagesOptions<T = unknown> {
  /** Stop with a ServerError past this many pages (default 10,000). */
  maxPages?: number;
  /**
   * An item's identity: a page that starts with the same item as the page before is a server
   * ignoring the cursor (or the page number), a ServerError rather than the same page again.
   */
  idOf?: (item: T) => string;
}

const key = (cursor: unknown): string => `${typeof cursor}:${String(cursor)}`;

/**
 * Items of every page, lazily: the first request is sent when the first item is asked
 * for, the next one only when the items of the page before are all consumed. Breaking
 * out of a `for await` after the first few items sends one request.
 */
export async function* pages<T, C>(provider: string, fetchPage: (cursor: C | undefined) => Promise<Page<T, C>>, options: PagesOptions<T> = {}): AsyncGenerator<T, void, undefined> {
  const maxPages = options.maxPages ?? 10_000;
  const seen = new Set<string>();
  let cursor: C | undefined;
  let firstBefore: string | undefined;
  for (let n = 1; ; n++) {
    const page = await fetchPage(cursor);
    const first = options.idOf && page.items.length ? options.idOf(page.items[0]!) : undefined;
    if (first !== undefined && first === firstBefore) {
      throw new ServerError({ provider, message: `${provider}: the list's page ${n} starts with the same file as page ${n - 1} (${JSON.stringify(first).slice(0, 80)}): the server ignored the page asked for; stopped rather than loop`, retryable: false });
    }
    firstBefore = first;
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
