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

/** The walk's checks: a page that repeats the one before, a cursor seen already, no end. */
class Walk<T, C> {
  readonly #seen = new Set<string>();
  #firstBefore: string | undefined;
  n = 0;
  constructor(
    readonly provider: string,
    readonly options: PagesOptions<T>,
  ) {}

  /** Checks page `n` (counted here) before its items are handed on: not the page before again. */
  arrived(page: Page<T, C>): void {
    const { provider, options } = this;
    const n = ++this.n;
    const first = options.idOf && page.items.length ? options.idOf(page.items[0]!) : undefined;
    if (first !== undefined && first === this.#firstBefore) {
      throw new ServerError({ provider, message: `${provider}: the list's page ${n} starts with the same file as page ${n - 1} (${JSON.stringify(first).slice(0, 80)}): the server ignored the page asked for; stopped rather than loop`, retryable: false });
    }
    this.#firstBefore = first;
  }

  /** After a page's items: the next cursor, or undefined after the last page. */
  next(page: Page<T, C>): C | undefined {
    const { provider, options } = this;
    const n = this.n;
    const maxPages = options.maxPages ?? 10_000;
    if (page.next === undefined || page.next === null) return undefined;
    if (this.#seen.has(key(page.next))) {
      throw new ServerError({ provider, message: `${provider}: the list's page ${n} points back to a page already read (cursor ${JSON.stringify(String(page.next)).slice(0, 80)}); stopped rather than loop`, retryable: false });
    }
    if (n >= maxPages) {
      throw new ServerError({ provider, message: `${provider}: the list did not end after ${maxPages} pages; stopped rather than loop`, retryable: false });
    }
    this.#seen.add(key(page.next));
    return page.next;
  }
}

/**
 * Items of every page, lazily: the first request is sent when the first item is asked
 * for, the next one only when the items of the page before are all consumed. Breaking
 * out of a `for await` after the first few items sends one request.
 */
export async function* pages<T, C>(provider: string, fetchPage: (cursor: C | undefined) => Promise<Page<T, C>>, options: PagesOptions<T> = {}): AsyncGenerator<T, void, undefined> {
  const walk = new Walk<T, C>(provider, options);
  let cursor: C | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    walk.arrived(page);
    yield* page.items;
    const next = walk.next(page);
    if (next === undefined) return;
    cursor = next;
  }
}

/** Items of every page in one array, with the same checks as pages(), fetched one page after the other. */
export async function allPages<T, C>(provider: string, fetchPage: (cursor: C | undefined) => Promise<Page<T, C>>, options: PagesOptions<T> = {}): Promise<T[]> {
  const walk = new Walk<T, C>(provider, options);
  const items: T[] = [];
  let cursor: C | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    walk.arrived(page);
    for (const item of page.items) items.push(item);
    const next = walk.next(page);
    if (next === undefined) return items;
    cursor = next;
  }
}

/** Every item of an async iterable, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
