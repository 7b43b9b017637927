// pages(): every page, lazily, against a real loopback server that pages by cursor.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerError, collect, pages, type Page } from "../src/index.js";

// 7 files, 3 per page: pages "" → "c3" → "c6"; `loop` answers page c3 with c3 again, `endless` never ends.
let server: TestServer;
let mode: "normal" | "loop" | "endless" = "normal";
const FILES = Array.from({ length: 7 }, (_, i) => `file-${i + 1}`);
beforeAll(async () => {
  server = await startServer((req, res) => {
    const after = new URL(req.url!, "http://x").searchParams.get("after");
    const start = after ? Number(after.slice(1)) : 0;
    if (mode === "endless") return json(res, 200, { data: [`f${start}`], next: `c${start + 1}` });
    const data = FILES.slice(start, start + 3);
    const next = start + 3 < FILES.length ? `c${start + 3}` : null;
    json(res, 200, { data, next: mode === "loop" && start === 3 ? "c3" : next });
  });
});
afterAll(() => server.stop());

const fetchPage = async (cursor: string | undefined): Promise<Page<string, string>> => {
  const res = await fetch(`${server.url}/files${cursor ? `?after=${cursor}` : ""}`);
  const body = (await res.json()) as { data: string[]; next: string | null };
  return { items: body.data, next: body.next };
};
const requests = () => server.requests.length;

describe("pages", () => {
  it("follows every page once, in order", async () => {
    mode = "normal";
    const before = requests();
    expect(await collect(pages("test", fetchPage))).toEqual(FILES);
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/files", "/files?after=c3", "/files?after=c6"]);
  });

  it("is lazy: nothing is sent before the first item is asked for, and breaking early sends one request", async () => {
    mode = "normal";
    const before = requests();
    const it = pages("test", fetchPage);
    expect(requests()).toBe(before);
    const seen: string[] = [];
    for await (const f of it) {
      seen.push(f);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["file-1", "file-2"]);
    expect(requests() - before).toBe(1);
    // Reading to the end of page one and one more: exactly two requests.
    const b2 = requests();
    let n = 0;
    for await (const _ of pages("test", fetchPage)) if (++n === 4) break;
    expect(requests() - b2).toBe(2);
  });

  it("a server that points back to a page already read is a ServerError, not a loop", async () => {
    mode = "loop";
    const before = requests();
    const err = await collect(pages("test", fetchPage)).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/points back to a page already read/);
    expect(requests() - before).toBe(2);
  });

  it("a list that never ends stops at maxPages with a ServerError", async () => {
    mode = "endless";
    const before = requests();
    const err = await collect(pages("test", fetchPage, { maxPages: 25 })).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/did not end after 25 pages/);
    expect(requests() - before).toBe(25);
  });

  it("a server that ignores the cursor (same first item again) is a ServerError with idOf", async () => {
    mode = "normal";
    const before = requests();
    // The cursor advances, but the server answers page one every time.
    const ignoring = async (cursor: number | undefined): Promise<Page<string, number>> => ({ items: (await fetchPage(undefined)).items, next: (cursor ?? 0) + 1 });
    const err = await collect(pages("test", ignoring, { idOf: (f) => f })).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/page 2 starts with the same file as page 1 \("file-1"\): the server ignored the page asked for/);
    expect(requests() - before).toBe(2);
  });

  it("an empty last page and a null cursor end the list", async () => {
    const got = await collect(pages<number, number>("test", async (c) => (c === undefined ? { items: [1, 2], next: 2 } : { items: [], next: null })));
    expect(got).toEqual([1, 2]);
  });
});
