// Bad input: every row is a ValidationError naming the field to fix, raised before anything is
// sent (the fault servers record zero requests), and never showing the key.
import { sparseFile, tempFile, type TempFile } from "@llm-files/testing";
import { createFiles } from "@llm-files/unified";
import { PROVIDERS, PURPOSE, profileOf, type ProviderName } from "../src/bodies.js";
import { purposeOptions } from "../src/paths.js";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { badInputCases, type BadInputFiles } from "../../unified/test/bad-inputs.js";
import { startFaultServer, type FaultServer } from "../src/fault-server.js";
import { Tally } from "../src/summary.js";
import { ID, KEY, facade, leaksOf } from "./helpers.js";

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
  for (const [p, s] of Object.entries(servers)) tally.server(`${p} fault server`, s);
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await Promise.all([rm(dir, { recursive: true, force: true }), ...big.map((b) => b.cleanup())]);
  tally.flush(inject("summaryDir"));
});

type Row = [name: string, field: string, run: () => unknown];

/**
 * Rows of our own, with the distinctive key, for every provider of the registry (one fault
 * server each); the rows that depend on what a provider takes (its purposes, its id kind, a
 * purpose on delete) are made from its profile.
 */
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
  const rows = PROVIDERS.flatMap((p): Row[] => {
    const profile = profileOf(p);
    const list = purposeOptions(p).list;
    const del = purposeOptions(p).delete;
    const ok = paths.ok;
    // A purpose a file can have that the upload does not take (an output file's), where there is one.
    const notForUpload = profile.purposes.list.find((x) => !(profile.purposes.upload as readonly string[]).includes(x));
    const host = new URL(profile.defaultBaseUrl).host;
    const ids: Row[] =
      profile.ids === "int64"
        ? [
            [`${p} id 1.5`, "fileId", () => f(p).retrieve(1.5)],
            [`${p} id " 12" (padded)`, "fileId", () => f(p).retrieve(" 12")],
            [`${p} id above int64`, "fileId", () => f(p).retrieve("9223372036854775808")],
            [`${p} id ""`, "fileId", () => f(p).delete("", del)],
          ]
        : [
            [`${p} id ".."`, "fileId", () => f(p).retrieve("..")],
            // On content where the profile has it (Gemini's uploads cannot be downloaded: its content is UnsupportedError, tested where that is said).
            ...(profile.operations.content ? [[`${p} id "../x" on content`, "fileId", () => f(p).content("../x")] as Row] : []),
            [`${p} id "../x" on delete`, "fileId", () => f(p).delete("../x", del)],
            [`${p} id an object`, "fileId", () => f(p).retrieve({ id: "file-1" })],
          ];
    return [
      [`${p} list purpose not one a file can have`, "purpose", () => f(p).list({ purpose: "no-such-purpose" })],
      [`${p} list purpose a number`, "purpose", () => f(p).list({ purpose: 7 })],
      ...(notForUpload ? [[`${p} upload purpose ${notForUpload} (a file purpose, not an upload one)`, "purpose", () => f(p).upload({ file: ok, purpose: notForUpload })] as Row] : []),
      ...(profile.operations.delete?.purpose ? [[`${p} delete purpose missing from the enum`, "purpose", () => f(p).delete(ID[p], { purpose: "no-such-purpose" })] as Row] : []),
      [`${p} upload params null`, "params", () => f(p).upload(null)],
      [`${p} upload filename with a newline`, "filename", () => f(p).upload({ file: ok, filename: "a\nb.txt", purpose: PURPOSE[p] })],
      [`${p} upload onProgress not a function`, "onProgress", () => f(p).upload({ file: ok, purpose: PURPOSE[p], onProgress: "yes" })],
      ...ids,
      [`${p} timeoutMs 0 (client)`, "timeoutMs", () => f(p, { timeoutMs: 0 })],
      [`${p} timeoutMs Infinity (call)`, "timeoutMs", () => f(p).list({ ...list, timeoutMs: Infinity })],
      [`${p} timeoutMs "100" (client)`, "timeoutMs", () => f(p, { timeoutMs: "100" })],
      [`${p} maxRetries -1`, "maxRetries", () => f(p, { maxRetries: -1 })],
      [`${p} maxRetries 11`, "maxRetries", () => f(p, { maxRetries: 11 })],
      [`${p} headers not an object`, "headers", () => f(p, { headers: "x" })],
      [`${p} fetch not a function`, "fetch", () => f(p, { fetch: "fetch" })],
      [`${p} key with a newline (header injection)`, "apiKey", () => f(p, { apiKey: `${KEY}\nX-Evil: 1` }).list(list)],
      [`${p} key not a string`, "apiKey", () => f(p, { apiKey: 12345 })],
      [`${p} no key at all (and none in the environment)`, "apiKey", env(profile.env.apiKey, "", () => createFiles({ provider: p, baseUrl: servers[p].url }).list(list as never))],
      [`${p} base URL with credentials`, "baseUrl", () => f(p, { baseUrl: `https://user:${KEY}@${host}` })],
      [`${p} base URL not a URL, from the environment`, profile.env.baseUrl, env(profile.env.baseUrl, host, () => createFiles({ provider: p, apiKey: KEY }))],
      [`${p} base URL a number`, "baseUrl", () => f(p, { baseUrl: 443 })],
    ];
  });
  return [...rows, ["provider missing", "provider", () => createFiles({ apiKey: KEY } as never)]];
}

describe("bad input", () => {
  it("the shared table (unified/test/bad-inputs.ts) and our own rows: >= 20, each a ValidationError naming its field, nothing sent", async () => {
    const before = Object.values(servers).reduce((n, s) => n + s.requests.length, 0);
    const rows: Row[] = [...badInputCases(servers[PROVIDERS[0]!].url, paths), ...ownRows()];
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
    tally.note(`${rows.length} rows (${badInputCases(servers[PROVIDERS[0]!].url, paths).length} shared with unified's tests, ${ownRows().length} of ours over ${PROVIDERS.length} providers), ${fields.size} distinct fields named, 0 requests sent`);
  });
});
