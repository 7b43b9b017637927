// `llm-files cp <provider>:<id> <provider>` between two mocks (@llm-files/mock, each provider's
// key and base URL from its own variables): the bytes arrive as they left, the copy takes the
// source's name and (where the target takes it) purpose, --json is one document naming where the
// declared size came from, and a source that cannot be downloaded is refused before anything
// moves (exit code 7, one line naming why, no request to the target). And flat memory: a file
// larger than the bound is copied by the real bin in a child whose peak RSS stays under it.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Readable, Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "@llm-files/mock";
import { createFiles } from "@llm-files/unified";
import { run } from "../src/cli.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const PEAK_RSS = fileURLToPath(new URL("./fixtures/peak-rss.cjs", import.meta.url));
const mocks: MockServer[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.stop()));
});
const start = async (...args: Parameters<typeof startMock>) => {
  const m = await startMock(...args);
  mocks.push(m);
  return m;
};
/** Each mock's provider with its key and base URL in the variables the CLI reads. */
const envOf = (...ms: MockServer[]) => Object.fromEntries(ms.flatMap((m) => [[m.profile.env.apiKey, "k"], [m.profile.env.baseUrl, m.url]]));

/** Written to synchronously, so nothing is still in flight when run() resolves. */
function sink(): Writable & { text: string } {
  const w = Object.assign(new Writable({ write: (chunk, _e, done) => ((w.text += String(chunk)), done()) }), { text: "" });
  return w;
}
/** `llm-files cp ...args` in this process (run(), as bin.ts calls it), with stdio that is not a terminal. */
async function cp(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await run(["cp", ...args], { stdout, stderr, stdin: Readable.from([]), env: { PATH: process.env.PATH!, ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("llm-files cp between two mocks", () => {
  it("copies the bytes as they left, with the source's name and purpose; --json says where the declared size came from", async () => {
    const from = await start("openai", { seed: false });
    const to = await start("azure", { seed: false });
    const bytes = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from(" a copied file \u00e9\n")]);
    const src = await createFiles({ provider: "openai", apiKey: "k", baseUrl: from.url }).upload({ file: bytes, filename: "c.jsonl", purpose: "batch" });
    const r = await cp(["--json", `openai:${src.id}`, "azure"], envOf(from, to));
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, source: { id: src.id, provider: "openai" }, copy: { provider: "azure", filename: "c.jsonl", bytes: bytes.length, purpose: "batch" }, sizeFrom: "source's bytes" });
    expect(Buffer.from(to.files()[0]!.content).equals(bytes)).toBe(true);
    expect(r.stderr).toBe("");
  });

  it("to a provider whose uploads are resumable and files have no purpose, with progress lines; a purpose given there is refused", async () => {
    const from = await start("anthropic", { seed: false });
    const to = await start("gemini", { seed: false });
    const bytes = Buffer.alloc(300_000, 7);
    const src = await createFiles({ provider: "anthropic", apiKey: "k", baseUrl: from.url }).upload({ file: bytes, filename: "made.bin" });
    // A file Anthropic's tools made is downloadable; an upload is not.
    from.editFile(src.id, { downloadable: true });
    const r = await cp([`anthropic:${src.id}`, "gemini"], envOf(from, to));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("made.bin");
    expect(r.stderr).toMatch(/^copying anthropic:file_\w+ \(made\.bin, 293 KB\) to gemini\n/);
    expect(r.stderr).toMatch(/293 KB of 293 KB\n$/);
    expect(to.files()[0]).toMatchObject({ bytes: 300_000, fields: { displayName: "made.bin", sizeBytes: "300000" } });
    expect(createHash("sha256").update(to.files()[0]!.content).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
    const refused = await cp([`anthropic:${src.id}`, "gemini", "--purpose", "batch"], envOf(from, to));
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/Gemini's files have no purpose: leave out --purpose/)]);
  });

  it("a source that cannot be downloaded: exit code 7, one line naming why, nothing sent to the target", async () => {
    const anthropic = await start("anthropic", { seed: false });
    const gemini = await start("gemini", { seed: false });
    const openai = await start("openai", { seed: false });
    const upload = await createFiles({ provider: "anthropic", apiKey: "k", baseUrl: anthropic.url }).upload({ file: Buffer.from("x"), filename: "up.txt" });
    const g = await createFiles({ provider: "gemini", apiKey: "k", baseUrl: gemini.url }).upload({ file: Buffer.from("y"), filename: "g.txt" });
    for (const [source, why] of [
      [`anthropic:${upload.id}`, /cannot be downloaded: its downloadable is false/],
      [`gemini:${g.id}`, /gemini has no content operation/],
    ] as const) {
      const r = await cp([source, "openai", "--purpose", "batch"], envOf(anthropic, gemini, openai));
      expect(r.code, r.stderr).toBe(7);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(why);
    }
    expect(openai.requests).toEqual([]);
    const json = await cp(["--json", `gemini:${g.id}`, "openai", "--purpose", "batch"], envOf(anthropic, gemini, openai));
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { name: "UnsupportedError", exitCode: 7 } });
  });

  it("usage: the source is <provider>:<id>; the target takes --purpose where the source's is not one of its own; the providers' own variables, not the flags", async () => {
    const from = await start("mistral", { seed: false });
    const to = await start("moonshot", { seed: false });
    const src = await createFiles({ provider: "mistral", apiKey: "k", baseUrl: from.url }).upload({ file: Buffer.from("{}\n"), filename: "m.jsonl", purpose: "batch" });
    const env = envOf(from, to);
    expect((await cp(["nonsense", "openai"], env)).stderr).toMatch(/the source is <provider>:<id>/);
    expect((await cp([`mistral:${src.id}`, "nowhere"], env)).stderr).toMatch(/unknown target provider "nowhere"/);
    // Mistral's batch is a Moonshot purpose too: kept. With --purpose, that one.
    expect(JSON.parse((await cp(["--json", `mistral:${src.id}`, "moonshot"], env)).stdout).copy.purpose).toBe("batch");
    expect(JSON.parse((await cp(["--json", `mistral:${src.id}`, "moonshot", "--purpose", "file-extract"], env)).stdout).copy.purpose).toBe("file-extract");
    const flags = sink();
    expect(await run(["--base-url", to.url, "cp", `mistral:${src.id}`, "moonshot"], { stdout: sink(), stderr: flags, stdin: Readable.from([]), env })).toBe(2);
    expect(flags.text).toMatch(/each reads its key and base URL from its own variables/);
  });

  it("flat memory: a 160 MiB file copied by the real bin in a child peaks under 140 MB of RSS (nothing held whole, nothing spooled)", async () => {
    const from = await start("openai", { seed: false, maxUploadBytes: 200 * 1024 * 1024 });
    // The target counts what arrives and keeps none of it.
    const to = await start("gemini", { seed: false, storeContent: false });
    const size = 160 * 1024 * 1024;
    const src = from.addFile({ filename: "big.bin", content: new Uint8Array(size).fill(7), purpose: "user_data" });
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ["-r", PEAK_RSS, BIN, "--json", "cp", `openai:${src.id}`, "gemini"], { env: { PATH: process.env.PATH!, ...envOf(from, to) }, maxBuffer: 1 << 24 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })),
    );
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, copy: { bytes: size }, sizeFrom: "source's bytes" });
    expect(to.sessions()).toMatchObject([{ declared: size, received: size, status: "final" }]);
    const peak = Number(/peak-rss: (\d+)/.exec(out.stderr)?.[1]);
    console.log(`cp of ${size} bytes (openai -> gemini, resumable): the child's peak RSS ${(peak / 1e6).toFixed(0)} MB`);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(140e6);
  });
});
