// Issue 12, class 8: inputs users expect to work. An fs.ReadStream and a file: URL as upload
// sources, MIME types for what Moonshot's file-extract takes (from the `mime` table), a base URL
// with a query string refused clearly, Novita's base URL given as ".../openai". Every path,
// every provider, one loopback server.
import { PROVIDERS } from "../src/bodies.js";
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
  dir = await mkdtemp(join(tmpdir(), "llm-files-inputs-"));
  await writeFile(join(dir, "notes.txt"), CONTENT);
});

afterAll(async () => {
  tally.requests(server.requests.length);
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
          const outcome = await settle(() => client(route, p, { apiKey: KEY, baseUrl: server.url }).upload({ file: make() }));
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

  it("MIME types of Moonshot's file-extract formats come from the mime table, on every path", async () => {
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
      for (const route of PATHS) {
        const outcome = await settle(() => client(route, "moonshot", { apiKey: KEY, baseUrl: server.url }).upload({ file }));
        expect(outcome.ok, `${ext} | ${route}: ${(outcome as any).error}`).toBe(true);
        expect(server.uploads.at(-1)!.find((x) => x.name === "file")!.contentType, `${ext} | ${route}`).toBe(type);
        cases++;
      }
    }
    tally.scenario(cases);
  });

  it("base URLs: a query string is refused naming the fix; Novita's '.../openai' (and the other documented forms) reach /openai/v1/files", async () => {
    let cases = 0;
    for (const p of PROVIDERS) {
      for (const route of PATHS) {
        const outcome = await settle(() => client(route, p, { apiKey: KEY, baseUrl: `${server.url}/?token=1` }).list());
        expect((outcome as any).error?.field, `${p} ${route}`).toBe("baseUrl");
        expect((outcome as any).error?.message).toMatch(/query string/);
        cases++;
      }
    }
    const forms: [typeof PROVIDERS[number], string, string][] = [
      ["novita", "/openai", "/openai/v1/files"],
      ["novita", "/openai/", "/openai/v1/files"],
      ["novita", "/openai/v1", "/openai/v1/files"],
      ["novita", "", "/openai/v1/files"],
      ["moonshot", "/v1", "/v1/files"],
      ["moonshot", "", "/v1/files"],
      ["minimax", "/v1", "/v1/files/list"],
    ];
    for (const [p, suffix, expected] of forms) {
      for (const route of PATHS) {
        const before = server.requests.length;
        const outcome = await settle(() => client(route, p, { apiKey: KEY, baseUrl: `${server.url}${suffix}` }).list());
        expect(outcome.ok, `${p} ${suffix} ${route}: ${(outcome as any).error}`).toBe(true);
        expect(server.requests.slice(before).map((r) => r.url.split("?")[0]), `${p} ${suffix} ${route}`).toEqual([expected]);
        cases++;
      }
    }
    tally.scenario(cases);
  });
});
