// A list's pages, as its profile's paging data says: the query that asks for a page, and the
// cursor of the next one read from the answer. Three styles cover the providers: a cursor
// (the last id read, while the answer says more follow), numbered pages (to a total, or to a
// short page), and an opaque next-page token. The walking itself (laziness, loop guards) is
// pages().
import { ServerError, ValidationError } from "./errors.js";
import { describe } from "./validate.js";
import type { Paging, QueryParam } from "./profile.js";

/** Where a walk starts: the caller's own cursor or page number, when they gave one. */
export function firstCursor(paging: Paging, query: Record<string, unknown>): unknown {
  if (paging.style === "cursor") return query[paging.after];
  if (paging.style === "page") return query[paging.page];
  return query[paging.token];
}

/** The files per page the caller asked for (under the style's own name), else undefined. */
export function pageSizeIn(paging: Paging, query: Record<string, unknown>): number | undefined {
  const v = query[paging.style === "cursor" ? paging.limit : paging.size];
  return typeof v === "number" ? v : undefined;
}

/** The query naming `pageSize` files per page, under the style's own name. */
export function sizeQuery(paging: Paging, pageSize: number | undefined): Record<string, unknown> {
  if (pageSize === undefined) return {};
  return { [paging.style === "cursor" ? paging.limit : paging.size]: pageSize };
}

/**
 * The query of the page at `cursor`, over the caller's query: only what differs from the
 * provider's defaults is sent, so the first page is a plain request.
 */
export function pageQuery(paging: Paging, query: Record<string, unknown>, cursor: unknown): Record<string, unknown> {
  const out = { ...query };
  if (paging.style === "cursor") {
    if (typeof cursor === "string") out[paging.after] = cursor;
  } else if (paging.style === "page") {
    if (typeof cursor === "number" && cursor !== paging.first) out[paging.page] = cursor;
    else delete out[paging.page];
  } else if (typeof cursor === "string") out[paging.token] = cursor;
  return out;
}

/** The cursor of the page after this one, or undefined when this one was the last. */
export function nextCursor(
  provider: string,
  paging: Paging,
  answer: Record<string, unknown>,
  items: readonly unknown[],
  cursor: unknown,
  pageSize: number | undefined,
  idOf: (item: unknown) => unknown,
): unknown {
  if (paging.style === "cursor") {
    if (answer[paging.hasMore] !== true) return undefined;
    // More follow: continue after the last file of this page (its last_id where the server gives it).
    const lastId = paging.lastId ? answer[paging.lastId] : undefined;
    const lastItem = items.length ? idOf(items[items.length - 1]) : undefined;
    const last = typeof lastId === "string" && lastId !== "" ? lastId : typeof lastItem === "string" && lastItem !== "" ? lastItem : undefined;
    if (last === undefined) throw new ServerError({ provider, message: `${provider}: the list says ${paging.hasMore} but gave no file and no ${paging.lastId ?? "id"} to continue after`, retryable: false });
    return last;
  }
  if (paging.style === "page") {
    const page = typeof cursor === "number" ? cursor : paging.first;
    const size = pageSize ?? paging.defaultSize;
    const total = paging.total ? answer[paging.total] : undefined;
    // With a total, it says where the list ends; without one, a short (or empty) page is the last.
    const more = typeof total === "number" ? (page - paging.first + 1) * size < total : items.length >= size;
    return more && items.length > 0 ? page + 1 : undefined;
  }
  const next = answer[paging.next];
  return typeof next === "string" && next !== "" ? next : undefined;
}

/** The paging parameters among a caller's list options, checked: cursors are strings, sizes whole numbers. */
export function pagingQuery(provider: string, paging: Paging, options: Record<string, unknown>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const text = (name: string) => {
    const v = options[name];
    if (v === undefined) return;
    if (typeof v !== "string" || v === "") throw new ValidationError(provider, name, `expected the cursor of a page (a non-empty string from the answer before), got ${describe(v)}`);
    query[name] = v;
  };
  const whole = (name: string, min: number, max?: number) => {
    const v = options[name];
    if (v === undefined) return;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || (max !== undefined && v > max)) {
      throw new ValidationError(provider, name, `expected a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}, got ${describe(v)}`);
    }
    query[name] = v;
  };
  if (paging.style === "cursor") {
    text(paging.after);
    whole(paging.limit, 1, paging.maxLimit);
  } else if (paging.style === "page") {
    whole(paging.page, paging.first);
    whole(paging.size, 1);
  } else {
    text(paging.token);
    whole(paging.size, 1, paging.maxSize);
  }
  return query;
}

/** The list's own query parameters among a caller's options, checked by the profile's data; null counts as not given. */
export function paramsQuery(provider: string, params: Readonly<Record<string, QueryParam>>, options: Record<string, unknown>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(params)) {
    const v = options[name];
    if (v === undefined || v === null) continue;
    const ok =
      p.type === "string"
        ? typeof v === "string"
        : p.type === "boolean"
          ? typeof v === "boolean"
          : p.type === "strings"
            ? Array.isArray(v) && v.every((x) => typeof x === "string")
            : p.type === "enum"
              ? p.values.includes(v as string)
              : typeof v === "number" && Number.isSafeInteger(v) && v >= (p.min ?? -Infinity) && v <= (p.max ?? Infinity);
    if (!ok) {
      const want =
        p.type === "enum"
          ? `one of ${p.values.map((x) => JSON.stringify(x)).join(", ")}`
          : p.type === "integer"
            ? `a whole number${p.min !== undefined ? ` from ${p.min}` : ""}${p.max !== undefined ? ` to ${p.max}` : ""}`
            : p.type === "strings"
              ? "an array of strings"
              : p.type === "boolean"
                ? "true or false"
                : "a string";
      throw new ValidationError(provider, name, `expected ${want}, got ${describe(v)}`);
    }
    query[name] = v;
  }
  return query;
}
