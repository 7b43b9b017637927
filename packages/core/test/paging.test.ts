// A list's pages as its profile's paging data says (paging.ts), for each of the three styles:
// the query of a page (only what differs from the defaults), the cursor of the next one read
// from an answer, and the caller's paging options checked before anything is sent.
// The walk over a real server is client.test.ts's.
import { describe, expect, it } from "vitest";
import { ServerError, ValidationError, type Paging } from "../src/index.js";
import { firstCursor, nextCursor, pageQuery, pageSizeIn, pagingQuery, sizeQuery } from "../src/paging.js";

const cursor: Paging = { style: "cursor", after: "after", limit: "limit", hasMore: "has_more", lastId: "last_id", maxLimit: 100 };
const bare: Paging = { style: "cursor", after: "starting_after", limit: "limit", hasMore: "more" };
const numbered: Paging = { style: "page", page: "page", size: "page_size", total: "total", first: 0, defaultSize: 100 };
const fromOne: Paging = { style: "page", page: "p", size: "per_page", first: 1, defaultSize: 20 };
const token: Paging = { style: "token", token: "page_token", size: "page_size", next: "next_page_token", maxSize: 50 };
const idOf = (item: unknown) => (item as { id?: unknown }).id;

describe("pageQuery: the query of the page at a cursor, over the caller's", () => {
  it("cursor: the cursor as `after`, the caller's other keys kept", () => {
    expect(pageQuery(cursor, { limit: 10, purpose: "batch" }, "file-9")).toEqual({ limit: 10, purpose: "batch", after: "file-9" });
    expect(pageQuery(bare, { limit: 10 }, "f-2")).toEqual({ limit: 10, starting_after: "f-2" });
    // No cursor (the first page): the caller's own after, if any, stays.
    expect(pageQuery(cursor, { after: "mine" }, undefined)).toEqual({ after: "mine" });
    expect(pageQuery(cursor, {}, undefined)).toEqual({});
  });

  it("page: the number, left out for the first page so it is a plain request", () => {
    expect(pageQuery(numbered, { page_size: 5 }, 3)).toEqual({ page_size: 5, page: 3 });
    expect(pageQuery(numbered, { page: 2 }, 0)).toEqual({});
    expect(pageQuery(numbered, { page: 2 }, undefined)).toEqual({});
    expect(pageQuery(fromOne, {}, 1)).toEqual({});
    expect(pageQuery(fromOne, {}, 2)).toEqual({ p: 2 });
  });

  it("token: the opaque token under its own name", () => {
    expect(pageQuery(token, { page_size: 5 }, "tok==")).toEqual({ page_size: 5, page_token: "tok==" });
    expect(pageQuery(token, { page_size: 5 }, undefined)).toEqual({ page_size: 5 });
  });

  it("does not change the caller's query", () => {
    const query = { page: 4, page_size: 5 };
    pageQuery(numbered, query, 0);
    expect(query).toEqual({ page: 4, page_size: 5 });
  });
});

describe("nextCursor: where the next page starts, or undefined after the last", () => {
  it("cursor: while has_more, after the answer's last_id", () => {
    expect(nextCursor("acme", cursor, { has_more: true, last_id: "f-3" }, [{ id: "f-2" }], undefined, undefined, idOf)).toBe("f-3");
    // No last_id (or an empty one): the last file of the page.
    expect(nextCursor("acme", cursor, { has_more: true }, [{ id: "f-1" }, { id: "f-2" }], undefined, undefined, idOf)).toBe("f-2");
    expect(nextCursor("acme", cursor, { has_more: true, last_id: "" }, [{ id: "f-2" }], undefined, undefined, idOf)).toBe("f-2");
    expect(nextCursor("acme", bare, { more: true }, [{ id: "f-7" }], undefined, undefined, idOf)).toBe("f-7");
  });

  it("cursor: has_more false, absent or not exactly true ends the list", () => {
    for (const answer of [{ has_more: false, last_id: "f-3" }, { last_id: "f-3" }, { has_more: "true", last_id: "f-3" }, { has_more: 1, last_id: "f-3" }]) {
      expect(nextCursor("acme", cursor, answer, [{ id: "f-3" }], undefined, undefined, idOf)).toBeUndefined();
    }
  });

  it("cursor: has_more with no file and no id to continue after is a ServerError, not a loop from the start", () => {
    const cases: [Paging, Record<string, unknown>, unknown[], RegExp][] = [
      [cursor, { has_more: true }, [], /the list says has_more but gave no file and no last_id to continue after/],
      [cursor, { has_more: true, last_id: 5 }, [{ name: "no id" }], /has_more but gave no file and no last_id/],
      [bare, { more: true }, [{ id: "" }], /the list says more but gave no file and no id to continue after/],
    ];
    for (const [paging, answer, items, message] of cases) {
      const err = (() => {
        try {
          nextCursor("acme", paging, answer, items, undefined, undefined, idOf);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ServerError);
      expect(err).toMatchObject({ provider: "acme", retryable: false });
      expect((err as Error).message).toMatch(message);
    }
  });

  it("page: with a total, the pages it spans, counted from `first`", () => {
    const five = [1, 2, 3, 4, 5];
    // 12 files, 5 a page, pages 0, 1, 2.
    expect(nextCursor("acme", numbered, { total: 12 }, five, undefined, 5, idOf)).toBe(1);
    expect(nextCursor("acme", numbered, { total: 12 }, five, 1, 5, idOf)).toBe(2);
    expect(nextCursor("acme", numbered, { total: 12 }, [1, 2], 2, 5, idOf)).toBeUndefined();
    // Exactly full: no empty page after it.
    expect(nextCursor("acme", numbered, { total: 10 }, five, 1, 5, idOf)).toBeUndefined();
    // The default size when the caller gave none.
    expect(nextCursor("acme", numbered, { total: 150 }, new Array(100).fill(0), undefined, undefined, idOf)).toBe(1);
    expect(nextCursor("acme", numbered, { total: 100 }, new Array(100).fill(0), undefined, undefined, idOf)).toBeUndefined();
  });

  it("page: without a total, a full page asks for the next and a short or empty one is the last", () => {
    expect(nextCursor("acme", fromOne, {}, new Array(20).fill(0), undefined, undefined, idOf)).toBe(2);
    expect(nextCursor("acme", fromOne, {}, new Array(19).fill(0), 2, undefined, idOf)).toBeUndefined();
    expect(nextCursor("acme", fromOne, {}, [1, 2], 7, 2, idOf)).toBe(8);
    expect(nextCursor("acme", fromOne, {}, [], 3, 2, idOf)).toBeUndefined();
    // A total that is not a number counts as none; a total that says more but an empty page ends it.
    expect(nextCursor("acme", numbered, { total: "12" }, [1, 2], 0, 2, idOf)).toBe(1);
    expect(nextCursor("acme", numbered, { total: 50 }, [], 0, 5, idOf)).toBeUndefined();
  });

  it("token: the next token while there is one", () => {
    expect(nextCursor("acme", token, { next_page_token: "abc" }, [1], undefined, undefined, idOf)).toBe("abc");
    for (const end of [{ next_page_token: "" }, { next_page_token: null }, {}, { next_page_token: 3 }]) {
      expect(nextCursor("acme", token, end, [1], "abc", undefined, idOf)).toBeUndefined();
    }
  });
});

describe("pagingQuery: the caller's paging options, checked before anything is sent", () => {
  const refused = (paging: Paging, options: Record<string, unknown>) => {
    try {
      pagingQuery("acme", paging, options);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return e as ValidationError;
    }
    throw new Error(`accepted ${JSON.stringify(options)}`);
  };

  it("keeps the paging keys the caller gave, and nothing else", () => {
    expect(pagingQuery("acme", cursor, { after: "f-1", limit: 100, purpose: "batch", order: "asc" })).toEqual({ after: "f-1", limit: 100 });
    expect(pagingQuery("acme", cursor, {})).toEqual({});
    expect(pagingQuery("acme", numbered, { page: 0, page_size: 1000 })).toEqual({ page: 0, page_size: 1000 });
    expect(pagingQuery("acme", token, { page_token: "t", page_size: 50 })).toEqual({ page_token: "t", page_size: 50 });
  });

  it("a cursor or token must be a non-empty string, named by its own key", () => {
    for (const after of ["", 5, null, { id: "x" }]) {
      const err = refused(cursor, { after });
      expect(err.field).toBe("after");
      expect(err.message).toMatch(/expected the cursor of a page \(a non-empty string from the answer before\)/);
    }
    expect(refused(bare, { starting_after: 1 }).field).toBe("starting_after");
    expect(refused(token, { page_token: "" }).field).toBe("page_token");
  });

  it("a limit is a whole number from 1 to the style's maximum", () => {
    for (const limit of [0, -1, 1.5, "10", Number.NaN, 101]) {
      const err = refused(cursor, { limit });
      expect(err.field).toBe("limit");
      expect(err.message).toMatch(/expected a whole number from 1 to 100/);
    }
    // Without a maximum: at least 1, as large as the caller likes.
    expect(pagingQuery("acme", bare, { limit: 1_000_000 })).toEqual({ limit: 1_000_000 });
    expect(refused(bare, { limit: 0 }).message).toMatch(/expected a whole number of at least 1, got number 0/);
    expect(refused(token, { page_size: 51 }).field).toBe("page_size");
  });

  it("a page number starts at the style's first page; a size is at least 1", () => {
    expect(refused(numbered, { page: -1 }).message).toMatch(/page: expected a whole number of at least 0/);
    expect(pagingQuery("acme", numbered, { page: 0 })).toEqual({ page: 0 });
    expect(refused(fromOne, { p: 0 }).field).toBe("p");
    expect(refused(fromOne, { p: 2 ** 53 }).field).toBe("p");
    expect(refused(numbered, { page_size: 0 }).field).toBe("page_size");
  });
});

describe("the caller's page size and starting point, under the style's names", () => {
  it("sizeQuery, pageSizeIn and firstCursor", () => {
    expect(sizeQuery(cursor, 10)).toEqual({ limit: 10 });
    expect(sizeQuery(numbered, 10)).toEqual({ page_size: 10 });
    expect(sizeQuery(token, undefined)).toEqual({});
    expect(pageSizeIn(cursor, { limit: 7, page_size: 9 })).toBe(7);
    expect(pageSizeIn(numbered, { limit: 7, page_size: 9 })).toBe(9);
    expect(pageSizeIn(numbered, { page_size: "9" })).toBeUndefined();
    expect(firstCursor(cursor, { after: "f-1", page: 2 })).toBe("f-1");
    expect(firstCursor(numbered, { after: "f-1", page: 2 })).toBe(2);
    expect(firstCursor(token, { page_token: "t" })).toBe("t");
  });
});
