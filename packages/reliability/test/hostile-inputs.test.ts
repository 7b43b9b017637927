// Issue 12, class 8: inputs users expect to work. An fs.ReadStream and a file: URL as upload
// sources, MIME types for what Moonshot's file-extract takes (core's table of mime-db types), a base URL
// with a query string refused clearly, a base URL given with all, part or none of the
// provider's path prefix (Novita's ".../openai"). Every path, every provider, one loopback server.
import { PROVIDERS, profileOf } from "../src/bodies.js";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { successBody } from "../src/bodies.js";
import { startHostileServer, type HostileServer } from "../src/hostile-server.js";
import { PATHS, client, settle } from "../src/paths.js";
import { Tally } from "../src/summary.js";
import { KEY } from "./helpers.js";

const tally = new Tally("8 inputs users expect");
let server: HostileServer;
let dir: string;
const CONTENT = "the bytes users expect to arrive\n".repeat(100);
const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  server = await startHostileServer(({ provider, op, res }) => res.writeHead(200, { "content-type": "application/json" }).end(successBody(provider, op)));
  tally.server("hostile server", server);
  dir = await mkdtemp(join(tmpdir(), "llm-files-inputs-"));
  await writeFile(join(dir, "notes.txt"), CONTENT);
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
  tally.flush(inject("summaryDir"));
});

describe("class 8: inputs users expect to work", () => {
  it("upload sources: fs.ReadStream (whole and a range), file: URL (object and string), on every path and provider", async () => {
    const path = join(dir, "notes.txt");
    const sources: [string, () => unknown, string][] = [
      ["fs.ReadStream of the whole file", () => createReadStream(path), sha(CONTENT)],
      ["fs.ReadStream of a range (bytes 10-99)", () => createReadStream(path, { start: 10, end: 99 }), sha(CONTENT.slice(10, 100))],
      ["a file: URL object", () => pathToFileURL(path), sha(CONTENT)],
      ["a file: URL string", () => pathToFileURL(path).href, sha(CONTENT)],
    ];
    let cases = 0;
    for (const [name, make, expected] of sources) {
      for (const p of PROVIDERS) {
        for (const route of PATHS) {
          server.uploads.length = 0;
          const outcome = await settle(() => client(route, p, { apiKey: KEY, baseUrl: server.base(p) }).upload({ file: make() }));
          const label = `${name} | ${route} | ${p}`;
          expect(outcome.ok, `${label}: ${(outcome as any).error}`).toBe(true);
          const part = server.uploads.at(-1)!.find((x) => x.name === "file")!;
          expect(part.filename, label).toBe("notes.txt");
          expect(part.sha256, label).toBe(expected);
          expect(part.contentType, label).toBe("text/plain");
          cases++;
        }
      }
    }
    tally.scenario(cases);
    tally.note(`${cases} uploads from fs.ReadStream and file: URLs: every one arrived with its name and exact bytes`);
  });

  // A row about one provider's documented formats (Moonshot's file-extract takes these), sent through every provider.
  it("MIME types of Moonshot's file-extract formats are mime-db's, on every path and provider", async () => {
    const table: [string, string][] = [
      ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
      ["doc", "application/msword"],
      ["xls", "application/vnd.ms-excel"],
      ["ppt", "application/vnd.ms-powerpoint"],
      ["epub", "application/epub+zip"],
      ["html", "text/html"],
      ["htm", "text/html"],
      ["pdf", "application/pdf"],
      ["md", "text/markdown"],
      ["csv", "text/csv"],
      ["txt", "text/plain"],
      ["json", "application/json"],
      ["jsonl", "application/jsonl"],
      ["png", "image/png"],
      ["mp3", "audio/mpeg"],
      ["unknownext", "application/octet-stream"],
    ];
    let cases = 0;
    for (const [ext, type] of table) {
      const file = join(dir, `sample.${ext}`);
      await writeFile(file, "x");
      // The providers take turns by row: each sends a share of the formats on every path.
      const p = PROVIDERS[table.findIndex(([e]) => e === ext) % PROVIDERS.length]!;
      for (const route of PATHS) {
        const outcome = await settle(() => client(route, p, { apiKey: KEY, baseUrl: server.base(p) }).upload({ file }));
        expect(outcome.ok, `${ext} | ${route} | ${p}: ${(outcome as any).error}`).toBe(true);
        expect(server.uploads.at(-1)!.find((x) => x.name === "file")!.contentType, `${ext} | ${route} | ${p}`).toBe(type);
        cases++;
      }
    }
    tally.scenario(cases);
  });

  it("base URLs: a query string is refused naming the fix; the provider's path prefix given whole, in part ('.../openai' of '/openai/v1') or not at all reaches its list path", async () => {
    let cases = 0;
    for (const p of PROVIDERS) {
      for (const route of PATHS) {
        const outcome = await settle(() => client(route, p, { apiKey: KEY, baseUrl: `${server.base(p)}/?token=1` }).list());
        expect((outcome as any).error?.field, `${p} ${route}`).toBe("baseUrl");
        expect((outcome as any).error?.message).toMatch(/query string/);
        cases++;
      }
    }
    // Every leading part of the prefix, with and without a trailing slash, and none of it.
    const forms = PROVIDERS.flatMap((p) => {
      const { pathPrefix = "", operations } = profileOf(p);
      const parts = pathPrefix.split("/").filter(Boolean);
      const suffixes = new Set(["", ...parts.flatMap((_, n) => [`/${parts.slice(0, n + 1).join("/")}`, `/${parts.slice(0, n + 1).join("/")}/`])]);
      return [...suffixes].map((suffix) => [p, suffix, `/${p}${operations.list!.path}`] as const);
    });
    // Novita documents its base URL as ".../openai" (a leading part of its prefix): that form is among the rows.
    expect(forms.filter(([, suffix]) => suffix === "/openai").length, "Novita's documented '.../openai' is among them").toBeGreaterThan(0);
    for (const [p, suffix, expected] of forms) {
      for (const route of PATHS) {
        const before = server.requests.length;
        const outcome = await settle(() => client(route, p, { apiKey: KEY, baseUrl: `${server.base(p)}${suffix}` }).list());
        expect(outcome.ok, `${p} ${suffix} ${route}: ${(outcome as any).error}`).toBe(true);
        expect(server.requests.slice(before).map((r) => r.url.split("?")[0]), `${p} ${suffix} ${route}`).toEqual([expected]);
        cases++;
      }
    }
    tally.scenario(cases);
  });
});
