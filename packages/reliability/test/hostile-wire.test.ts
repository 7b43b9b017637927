// Issue 12, classes 1 and 3: everything a caller supplies that reaches the wire is checked or
// encoded before a socket opens, and options stay within what the runtime can do. Each row
// runs on every path (facade / provider package x built-in transport / own fetch) and every
// provider: a ValidationError naming the field, zero requests at the server, no unhandled
// error afterwards (an orphan ClientRequest used to crash the process), and never the key.
import { tempFile, type TempFile } from "@llm-files/testing";
import { PROVIDERS, authOf, profileOf, type Provider } from "../src/bodies.js";
import { parseRetryAfter } from "@llm-files/core";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { successBody } from "../src/bodies.js";
import { startHostileServer, type Answer, type HostileServer } from "../src/hostile-server.js";
import { PATHS, client, settle, type Ops } from "../src/paths.js";
import { watchUnhandled } from "../src/leaks.js";
import { Tally } from "../src/summary.js";
import { KEY, leaksOf } from "./helpers.js";

const wire = new Tally("1 wire input");
const bounds = new Tally("3 bounded options");
const unhandled = watchUnhandled();
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);
/** One server per section, so that each section's requests are its own server's count. */
let server: HostileServer;
let boundsServer: HostileServer;
let file: TempFile;
let dir: string;

beforeAll(async () => {
  process.on("uncaughtException", onUncaught);
  const ok: Answer = ({ provider, op, res }) => res.writeHead(200, { "content-type": "application/json" }).end(successBody(provider, op));
  server = await startHostileServer(ok);
  boundsServer = await startHostileServer(ok);
  wire.server("hostile server", server);
  bounds.server("hostile server", boundsServer);
  file = await tempFile("hostile input\n", "ok.txt");
  dir = await mkdtemp(join(tmpdir(), "llm-files-wire-"));
});

afterAll(async () => {
  await Promise.all([server.stop(), boundsServer.stop()]);
  await Promise.all([file.cleanup(), rm(dir, { recursive: true, force: true })]);
  process.off("uncaughtException", onUncaught);
  unhandled.stop();
  wire.flush(inject("summaryDir"));
  bounds.flush(inject("summaryDir"));
});

/** Lets any orphan emitter fire: a crash after the call returned is still a failure. */
const turns = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 5));
};

type Refused = [name: string, field: string, options: Record<string, unknown> | ((p: Provider) => Record<string, unknown>), run: (c: Ops, p: Provider) => Promise<unknown>];

const upload = (c: Ops) => c.upload({ file: file.path });
const list = (c: Ops) => c.list();

const refused = (): Refused[] => [
  ["key with a bracketed-paste ESC[200~ (upload)", "apiKey", { apiKey: `\u001b[200~${KEY}\u001b[201~` }, upload],
  ["key with a bracketed-paste ESC[200~ (list)", "apiKey", { apiKey: `\u001b[200~${KEY}` }, list],
  ["key with a trailing space", "apiKey", { apiKey: `${KEY} ` }, upload],
  ["key with a tab inside", "apiKey", { apiKey: `${KEY.slice(0, 5)}\t${KEY.slice(5)}` }, list],
  ["key with a non-ASCII letter", "apiKey", { apiKey: `${KEY}é` }, upload],
  ["key with CR LF and a header after it", "apiKey", { apiKey: `${KEY}\r\nX-Evil: 1` }, upload],
  ["header value with CR LF", "headers", { headers: { "x-trace": "a\r\nX-Evil: 1" } }, upload],
  ["header value with ESC", "headers", { headers: { "x-trace": "a\u001b[31m" } }, list],
  ["header value with NUL", "headers", { headers: { "x-trace": "a\u0000b" } }, upload],
  ["header name with a space", "headers", { headers: { "x trace": "a" } }, list],
  ["header name with a colon", "headers", { headers: { "x-a:b": "a" } }, upload],
  ["header value not a string", "headers", { headers: { "x-n": 5 } }, list],
  ["header overriding Authorization", "headers", { headers: { Authorization: "Bearer other" } }, list],
  // The provider's own key header (x-api-key, api-key, x-goog-api-key; Authorization for the rest).
  ["header overriding the key's header (the profile's)", "headers", (p) => ({ headers: { [authOf(p).header]: "other" } }), upload],
  ["header overriding Content-Type", "headers", { headers: { "content-type": "text/plain" } }, upload],
  ["base URL with a query string", "baseUrl", { baseUrl: "http://127.0.0.1:9/?key=1" }, list],
  ["base URL with a fragment", "baseUrl", { baseUrl: "http://127.0.0.1:9/#x" }, list],
  ["timeoutMs above 2^31-1 (client)", "timeoutMs", { timeoutMs: 2 ** 31 }, list],
  ["timeoutMs above 2^31-1 (call)", "timeoutMs", {}, (c) => c.list({ timeoutMs: 2 ** 32 })],
  ["timeoutMs above 2^31-1 (upload)", "timeoutMs", {}, (c) => c.upload({ file: file.path, timeoutMs: 1e12 })],
  ["allowInsecureHttp a string", "allowInsecureHttp", { allowInsecureHttp: "yes" }, list],
  ["id with CR LF", "fileId", {}, (c) => c.retrieve("file-1\r\nX-Evil: 1")],
  // On content where the profile has one, else on retrieve (Gemini's uploads cannot be downloaded).
  ["id with a slash", "fileId", {}, (c, p) => (profileOf(p).operations.content ? c.content("a/../../b") : c.retrieve("a/../../b"))],
  ["id with a query", "fileId", {}, (c) => c.delete("x?purpose=all")],
  ["purpose with CR LF", "purpose", {}, (c) => c.upload({ file: file.path, purpose: "batch\r\nX-Evil: 1" })],
  ["filename option with CR LF", "filename", {}, (c) => c.upload({ file: file.path, filename: "a\r\nContent-Type: text/html\r\n.txt" })],
  ["filename option with a quote", "filename", {}, (c) => c.upload({ file: file.path, filename: 'a".txt' })],
  ["filename of a File with NUL", "filename", {}, (c) => c.upload({ file: new File(["x"], "a\u0000.txt") })],
];

describe("class 1: what the caller supplies is checked before a socket opens", () => {
  it("every row x every path x every provider: ValidationError naming the field, 0 requests, no crash, no key", async () => {
    let cases = 0;
    for (const [name, field, options, run] of refused()) {
      for (const path of PATHS) {
        for (const p of PROVIDERS) {
          const label = `${name} | ${path} | ${p}`;
          const before = server.requests.length;
          const outcome = await settle(() => run(client(path, p, { apiKey: KEY, baseUrl: server.base(p), ...(typeof options === "function" ? options(p) : options) }), p));
          expect(outcome.ok, label).toBe(false);
          const err = (outcome as { error: any }).error;
          // Where ids are integers (int64), a hostile id is refused as not an id (same field).
          expect(err?.name, `${label}: ${err}`).toBe("ValidationError");
          expect(err.field, `${label}: ${err.message}`).toBe(field);
          expect(leaksOf(err), `${label}: the key in the error`).toEqual([]);
          expect(server.requests.length - before, `${label}: requests sent`).toBe(0);
          wire.error(err);
          cases++;
        }
      }
    }
    // An orphan emitter fires within a few turns of the loop; the listener counts it whenever it does.
    await turns();
    expect(uncaught, "uncaught exceptions (orphan emitters)").toEqual([]);
    expect(unhandled.count, `unhandled rejections ${unhandled.reasons}`).toBe(0);
    wire.scenario(cases);
    wire.note(`${refused().length} refused inputs x ${PATHS.length} paths x ${PROVIDERS.length} providers = ${cases} cases: each a ValidationError naming its field, 0 requests sent, 0 uncaught errors`);
  });

  it("a key with ESC from the environment is refused at request time, naming the variable's field", async () => {
    for (const p of PROVIDERS) {
      const env = profileOf(p).env.apiKey;
      const before = process.env[env];
      process.env[env] = `\u001b[200~${KEY}`;
      try {
        for (const path of PATHS) {
          const c = client(path, p, { baseUrl: server.base(p) });
          const outcome = await settle(() => c.upload({ file: file.path }));
          expect((outcome as { error: any }).error?.field, `${p} ${path}`).toBe("apiKey");
          expect(leaksOf((outcome as { error: any }).error)).toEqual([]);
          wire.scenario();
        }
      } finally {
        if (before === undefined) delete process.env[env];
        else process.env[env] = before;
      }
    }
    await turns();
    expect(uncaught).toEqual([]);
  });

  it("file names from any source are encoded as browsers do: no injected part header, the bytes intact", async () => {
    const hostile = ['evil\r\nX-Injected: 1\r\n\r\nshifted.txt', 'quote".txt', "cr\ronly.txt", "lf\nonly.txt", "bell\u0007.txt"];
    const content = "the file's own bytes\n";
    const sha = createHash("sha256").update(content).digest("hex");
    let cases = 0;
    for (const name of hostile) {
      const onDisk = join(dir, name);
      await writeFile(onDisk, content);
      const sources: [string, () => unknown][] = [
        ["a path", () => onDisk],
        ["a File's name", () => new File([content], name)],
      ];
      for (const [source, make] of sources) {
        for (const path of PATHS) {
          for (const p of PROVIDERS) {
            const label = `${JSON.stringify(name)} from ${source} | ${path} | ${p}`;
            server.uploads.length = 0;
            const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: server.base(p) }).upload({ file: make() }));
            expect(outcome.ok, `${label}: ${(outcome as any).error}`).toBe(true);
            const parts = server.uploads[0]!;
            const body = profileOf(p).operations.upload!.body;
            if (body.form === "resumable") {
              // The name travels in the start's JSON metadata (display_name): it arrives as it was
              // given, and no character of it can end a header line.
              expect(parts.map((x) => [x.name, x.filename, x.sha256]), label).toEqual([["file", name, sha]]);
              cases++;
              continue;
            }
            const fileField = body.form === "multipart" ? body.fileField : "file";
            const filePart = parts.find((x) => x.name === fileField)!;
            expect(filePart.filename, label).toBe(name.replace(/["\r\n]/g, (c) => (c === '"' ? "%22" : c === "\r" ? "%0D" : "%0A")));
            expect(filePart.headers.length, `${label}: part headers ${JSON.stringify(filePart.headers)}`).toBe(2);
            expect(filePart.headers.some((h) => /^x-injected/i.test(h)), label).toBe(false);
            expect(filePart.sha256, `${label}: the file's bytes shifted`).toBe(sha);
            // A purpose part where the provider's files have one (its profile's purposes), then the file.
            const purposeField = (body.form === "multipart" && body.purposeField) || "purpose";
            expect(parts.map((x) => x.name), label).toEqual(profileOf(p).purposes.upload.length ? [purposeField, fileField] : [fileField]);
            cases++;
          }
        }
      }
    }
    wire.scenario(cases);
    wire.note(`${cases} uploads of hostile file names (from a path and from File.name): each arrived as exactly 2 part headers with the name %-encoded and the bytes intact`);
  });
});

describe("class 3: options bounded by the runtime; Retry-After read strictly (RFC 9110)", () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  const table: [value: string, expected: number | undefined][] = [
    ["0", 0],
    ["7", 7000],
    ["  12  ", 12000],
    ["Mon, 23 Nov 2026 12:00:30 GMT", 30000], // IMF-fixdate
    ["Monday, 23-Nov-26 12:00:30 GMT", 30000], // obsolete RFC 850
    ["Mon Nov 23 12:00:30 2026", 30000], // obsolete asctime
    ["Mon Nov  2 12:00:00 2026", 0], // asctime, day padded with a space (in the past: 0)
    ["Sun, 06 Nov 1994 08:49:37 GMT", 0], // in the past
    ["1.5", undefined], // delta-seconds are digits only
    ["-3", undefined],
    ["1e3", undefined],
    ["soon", undefined],
    ["Fri 2", undefined], // Date.parse reads this as a date in 2001
    ["2", 2000],
    ["2026-11-23T12:00:30Z", undefined], // ISO 8601 is not an HTTP-date
    ["Mon, 23 Nov 2026 12:00:30 +0000", undefined], // only GMT
    ["Mon, 31 Feb 2026 12:00:30 GMT", undefined], // no such day
    ["Mon, 23 Nov 2026 25:00:00 GMT", undefined],
    ["", undefined],
    ["0x10", undefined],
  ];
  it("parseRetryAfter over the table", () => {
    for (const [value, expected] of table) {
      expect(parseRetryAfter(new Headers({ "retry-after": value }), now), JSON.stringify(value)).toBe(expected);
      bounds.scenario();
    }
    bounds.note(`${table.length} Retry-After values: delta-seconds and the three HTTP-date forms read, ${table.filter((r) => r[1] === undefined).length} malformed ones ignored`);
  });

  it("on the wire: a far HTTP-date stops retries at once, a malformed value falls back to backoff (counted requests), on every path", async () => {
    const rows: [string, string, number][] = [
      ["an HTTP-date a year ahead (beyond the 60 s cap: give up now)", new Date(Date.now() + 365 * 86400_000).toUTCString(), 1],
      ["delta-seconds beyond the cap", "99999", 1],
      ["an ISO date (ignored: backoff, one retry)", "2099-01-01T00:00:00Z", 2],
      ["'Fri 2' (ignored, not a 2001 date: backoff, one retry)", "Fri 2", 2],
    ];
    let cases = 0;
    for (const [r, [name, value, requests]] of rows.entries()) {
      // A row that falls back to backoff sleeps ~0.5 s: those run on two paths each, in turn, so
      // every path sees each kind of value and the suite stays fast.
      // The providers take turns, one per case, so every provider meets these values too.
      for (const path of requests === 1 ? PATHS : PATHS.filter((_, i) => i % 2 === r % 2)) {
        const p = PROVIDERS[cases % PROVIDERS.length]!;
        boundsServer.answer = ({ res }) => res.writeHead(503, { "content-type": "application/json", "retry-after": value }).end('{"message":"busy"}');
        const before = boundsServer.requests.length;
        const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: boundsServer.base(p), maxRetries: 1 }).list());
        boundsServer.answer = ({ provider, op, res }) => res.writeHead(200, { "content-type": "application/json" }).end(successBody(provider, op));
        expect((outcome as any).error?.name, `${name} | ${path} | ${p}`).toBe("ServerError");
        expect(boundsServer.requests.length - before, `${name} | ${path} | ${p}: requests`).toBe(requests);
        bounds.error((outcome as any).error);
        cases++;
      }
    }
    bounds.scenario(cases);
  });
});
