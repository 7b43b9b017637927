// Bad input: every row is a ValidationError naming the field to fix, raised before anything is
// sent (the fault servers record zero requests), and never showing the key.
import { sparseFile, tempFile, type TempFile } from "@llm-files/testing";
import { createFiles } from "@llm-files/unified";
import { PROVIDERS, type ProviderName } from "../src/bodies.js";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { badInputCases, type BadInputFiles } from "../../unified/test/bad-inputs.js";
import { startFaultServer, type FaultServer } from "../src/fault-server.js";
import { Tally } from "../src/summary.js";
import { KEY, facade, leaksOf } from "./helpers.js";

const tally = new Tally("bad input");
const servers = {} as Record<ProviderName, FaultServer>;
let dir: string;
let paths: BadInputFiles;
const big: TempFile[] = [];

beforeAll(async () => {
  for (const p of PROVIDERS) servers[p] = await startFaultServer(p);
  dir = await mkdtemp(join(tmpdir(), "llm-files-bad-input-"));
  await writeFile(join(dir, "ok.txt"), "content\n");
  await writeFile(join(dir, "empty.txt"), "");
  await mkdir(join(dir, "a-dir"));
  big.push(await sparseFile(100 * 1024 * 1024 + 1, "big.jsonl"), await sparseFile(20 * 1024 * 1024 + 1, "big.mp3"));
  paths = { ok: join(dir, "ok.txt"), empty: join(dir, "empty.txt"), dir: join(dir, "a-dir"), missing: join(dir, "nope.txt"), over100MB: big[0]!.path, over20MB: big[1]!.path };
});

afterAll(async () => {
  for (const s of Object.values(servers)) tally.requests(s.requests.length);
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await Promise.all([rm(dir, { recursive: true, force: true }), ...big.map((b) => b.cleanup())]);
  tally.flush(inject("summaryDir"));
});

type Row = [name: string, field: string, run: () => unknown];

/** Rows of our own, with the distinctive key, one fault server per provider. */
function ownRows(): Row[] {
  const f = (p: ProviderName, extra: Record<string, unknown> = {}) => facade(p, servers[p].url, extra) as any;
  const env = (name: string, value: string, run: () => unknown) => () => {
    const before = process.env[name];
    process.env[name] = value;
    try {
      return run();
    } finally {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
  };
  return [
    ["moonshot list purpose not a purpose", "purpose", () => f("moonshot").list({ purpose: "voice_clone" })],
    ["novita list purpose a number", "purpose", () => f("novita").list({ purpose: 7 })],
    ["novita upload purpose batch_output (a file purpose, not an upload one)", "purpose", () => f("novita").upload({ file: paths.ok, purpose: "batch_output" })],
    ["minimax delete purpose missing from the enum", "purpose", () => f("minimax").delete("123", { purpose: "batch" })],
    ["upload params null", "params", () => f("moonshot").upload(null)],
    ["upload filename with a newline", "filename", () => f("novita").upload({ file: paths.ok, filename: "a\nb.jsonl", purpose: "batch" })],
    ["upload onProgress not a function", "onProgress", () => f("moonshot").upload({ file: paths.ok, purpose: "file-extract", onProgress: "yes" })],
    ['novita id ".."', "fileId", () => f("novita").retrieve("..")],
    ['moonshot id "../x" on content', "fileId", () => f("moonshot").content("../x")],
    ["novita id an object", "fileId", () => f("novita").retrieve({ id: "file-1" })],
    ["minimax id 1.5", "fileId", () => f("minimax").retrieve(1.5)],
    ['minimax id " 12" (padded)', "fileId", () => f("minimax").retrieve(" 12")],
    ["minimax id above int64", "fileId", () => f("minimax").retrieve("9223372036854775808")],
    ['minimax id ""', "fileId", () => f("minimax").delete("", { purpose: "voice_clone" })],
    ["timeoutMs 0 (client)", "timeoutMs", () => f("minimax", { timeoutMs: 0 })],
    ["timeoutMs Infinity (call)", "timeoutMs", () => f("novita").list({ timeoutMs: Infinity })],
    ['timeoutMs "100" (client)', "timeoutMs", () => f("novita", { timeoutMs: "100" })],
    ["maxRetries -1", "maxRetries", () => f("novita", { maxRetries: -1 })],
    ["maxRetries 11", "maxRetries", () => f("minimax", { maxRetries: 11 })],
    ["headers not an object", "headers", () => f("moonshot", { headers: "x" })],
    ["fetch not a function", "fetch", () => f("moonshot", { fetch: "fetch" })],
    ["key with a newline (header injection)", "apiKey", () => f("moonshot", { apiKey: `${KEY}\nX-Evil: 1` }).list()],
    ["key not a string", "apiKey", () => f("novita", { apiKey: 12345 })],
    ["no key at all (and none in the environment)", "apiKey", env("MINIMAX_API_KEY", "", () => createFiles({ provider: "minimax", baseUrl: servers.minimax.url }).list({ purpose: "voice_clone" }))],
    ["base URL with credentials", "baseUrl", () => f("moonshot", { baseUrl: `https://user:${KEY}@api.moonshot.ai` })],
    ["base URL not a URL, from the environment", "MOONSHOT_BASE_URL", env("MOONSHOT_BASE_URL", "api.moonshot.ai", () => createFiles({ provider: "moonshot", apiKey: KEY }))],
    ["base URL a number", "baseUrl", () => f("novita", { baseUrl: 443 })],
    ["provider missing", "provider", () => createFiles({ apiKey: KEY } as never)],
  ];
}

describe("bad input", () => {
  it("the shared table (unified/test/bad-inputs.ts) and our own rows: >= 20, each a ValidationError naming its field, nothing sent", async () => {
    const before = Object.values(servers).reduce((n, s) => n + s.requests.length, 0);
    const rows: Row[] = [...badInputCases(servers.moonshot.url, paths), ...ownRows()];
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const fields = new Set<string>();
    for (const [name, field, run] of rows) {
      const err: any = await (async () => run())().then(
        () => undefined,
        (e) => e,
      );
      expect(err?.name, `${name}: ${err}`).toBe("ValidationError");
      expect(err.field, name).toBe(field);
      // The message starts with the field and says more than that.
      expect(err.message.startsWith(`${field}: `) && err.message.length > field.length + 12, `${name}: ${err.message}`).toBe(true);
      expect(leaksOf(err), `${name}: the key in the error`).toEqual([]);
      fields.add(field);
      tally.error(err);
    }
    expect(Object.values(servers).reduce((n, s) => n + s.requests.length, 0) - before, "requests sent for bad input").toBe(0);
    tally.scenario(rows.length);
    tally.note(`${rows.length} rows (${badInputCases(servers.moonshot.url, paths).length} shared with unified's tests), ${fields.size} distinct fields named, 0 requests sent`);
  });
});
