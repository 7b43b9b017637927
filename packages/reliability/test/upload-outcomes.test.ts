// Issue 25: honest upload outcomes. A loopback server that answers like each provider stores
// (or not) and then fails at each stage of the exchange (src/outcome-server.ts); on every path
// (the facade and the provider packages, each on node:http and on a caller's fetch) the client
// must say what may have happened, and never store a file twice:
//   - cut, or answered 5xx, before the whole body went out: nothing can be stored, so it is sent
//     again (a path, Blob or bytes), and the error says so precisely when retries run out;
//   - after the whole body (a drop, a gateway's 502/504, no answer, the answer cut off): an
//     OutcomeUnknownError with the file name, its size and the start time, never a retry;
//   - with `reconcile: true`: the one stored copy is the result, none means sent again, several
//     means nothing sent and their ids named.
import { sparseFile, tempFile, type TempFile } from "@llm-files/testing";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { ConnectionError, OutcomeUnknownError, ServerError, TimeoutError, ValidationError } from "@llm-files/unified";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, extensionOf, profileOf, type ProviderName } from "../src/bodies.js";
import { startOutcomeServer, type OutcomeServer, type Stage } from "../src/outcome-server.js";
import { PATHS, client, settle, type PathName } from "../src/paths.js";
import { Tally } from "../src/summary.js";
import { KEY, resumable } from "./helpers.js";

/**
 * The providers whose upload is one request (multipart, raw or JSON): the stages below are that
 * request's. A resumable upload (Gemini's) is several, whose last one's lost answer is settled by
 * asking the server (the protocol's query); its unknown outcomes and reconcile are tested on the
 * mock, which speaks the protocol (packages/mock/test/resumable.test.ts).
 */
const ONE_REQUEST = PROVIDERS.filter((p) => !resumable(p));
const tally = new Tally("upload outcomes: stored once, said what happened");
const servers = new Map<ProviderName, OutcomeServer>();
/** Per provider, a small file of its sample's kind; and one big enough that a cut lands while it is still being sent. */
const small = new Map<ProviderName, TempFile>();
let big: TempFile;
const BIG = 8 * 1024 * 1024;

beforeAll(async () => {
  for (const p of PROVIDERS) {
    const s = await startOutcomeServer(p);
    servers.set(p, s);
    tally.server(p, { received: () => s.uploads() + s.lists() });
    small.set(p, await tempFile(`${"x".repeat(999)}\n`, `report${extensionOf(p)}`));
  }
  big = await sparseFile(BIG, `big${extensionOf(PROVIDERS[0]!)}`);
});
afterAll(async () => {
  for (const s of servers.values()) await s.stop();
  for (const f of small.values()) await f.cleanup();
  await big?.cleanup();
  tally.flush(process.env.LLM_FILES_SUMMARY_DIR);
});

/** A fresh server state for one case: nothing stored, the plan given. */
function prepared(p: ProviderName, ...stages: Stage[]): OutcomeServer {
  const s = servers.get(p)!;
  s.stored.splice(0);
  s.plan(...stages);
  return s;
}

async function upload(path: PathName, p: ProviderName, s: OutcomeServer, params: Record<string, unknown>, options: Record<string, unknown> = {}) {
  const steps: { kind: string; error?: Error }[] = [];
  const before = s.uploads();
  const lists = s.lists();
  const started = Date.now();
  const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: s.url, ...options }).upload({ onRecovery: (step: { kind: string; error?: Error }) => steps.push(step), ...params }));
  tally.scenario();
  if (!outcome.ok) tally.error(outcome.error);
  return { outcome, steps, started, uploads: s.uploads() - before, lists: s.lists() - lists };
}

describe("cut before the whole body went out: nothing stored, sent again", () => {
  const p = PROVIDERS[0]!;
  const stages: [Stage, RegExp, Function][] = [
    ["dropBeforeBody", /the connection was cut while the upload of "big\.\w+" was being sent \(\d+ of 8388608 file bytes sent/, ConnectionError],
    ["dropMidBody", /the connection was cut while the upload of "big\.\w+" was being sent \(\d+ of 8388608 file bytes sent/, ConnectionError],
    ["answer502BeforeBody", /answered 502 before the upload of "big\.\w+" was sent whole \(\d+ of 8388608 file bytes sent\): Bad Gateway; nothing was stored/, ServerError],
  ];
  for (const [stage, said, Class] of stages) {
    it(`${stage}, on every path: retried and stored once; with no retries left, an error that says nothing was stored`, async () => {
      for (const path of PATHS) {
        const s = prepared(p, stage);
        const retried = await upload(path, p, s, { file: big.path }, { maxRetries: 1 });
        expect(retried.outcome.ok, `${path}: ${(retried.outcome as any).error}`).toBe(true);
        expect(s.stored.map((f) => f.bytes), path).toEqual([BIG]);
        expect(retried.uploads, path).toBe(2);
        expect(retried.steps.map((x) => x.kind), path).toEqual(["retry"]);
        expect(retried.steps[0]!.error!.message, path).toMatch(said);

        prepared(p, stage);
        const given = await upload(path, p, s, { file: big.path }, { maxRetries: 0 });
        expect(given.outcome.ok, path).toBe(false);
        const err = (given.outcome as { error: Error }).error;
        expect(err, path).toBeInstanceOf(Class);
        expect(err, path).not.toBeInstanceOf(OutcomeUnknownError);
        expect(err.message, path).toMatch(said);
        expect(s.stored, path).toEqual([]);
      }
    });
  }

  // A stream of 64 KiB chunks, as sockets and files give them. (With a caller's fetch, a chunk
  // fetch asks for after the connection failed counts as sent: were the body's last chunk asked
  // for then, the outcome would be reported unknown, the side that never sends twice.)
  it("a stream cut while being sent is not sent again (it can be read once), and the error says why", async () => {
    for (const path of PATHS) {
      const s = prepared(p, "dropMidBody");
      let chunks = BIG / 65536;
      const stream = new ReadableStream<Uint8Array>({ pull: (c) => (chunks-- > 0 ? c.enqueue(new Uint8Array(65536)) : c.close()) });
      const r = await upload(path, p, s, { file: stream, filename: "streamed.txt" }, { maxRetries: 2 });
      expect(r.outcome.ok, path).toBe(false);
      expect((r.outcome as { error: Error }).error.message, path).toMatch(/nothing was stored; a stream can be read only once, so it was not sent again/);
      expect(r.uploads, path).toBe(1);
    }
  });
});

describe("failed after the whole body: the outcome is unknown, never retried", () => {
  const stages: [Stage, boolean, RegExp, number | undefined][] = [
    ["storeThenDrop", true, /then the connection dropped before the answer/, undefined],
    ["dropAfterBody", false, /then the connection dropped before the answer/, undefined],
    ["storeThen502", true, /then a gateway answered 502/, 502],
    ["after504", false, /then a gateway answered 504/, 504],
    ["storeThenCutAnswer", true, /then its 200 answer was cut off/, 200],
  ];
  for (const p of ONE_REQUEST) {
    it(`${p}: every stage on every path is an OutcomeUnknownError naming the file, its size and the start; sent once`, async () => {
      for (const [stage, stores, said, status] of stages) {
        for (const path of PATHS) {
          const s = prepared(p, stage);
          const r = await upload(path, p, s, { file: small.get(p)!.path }, { maxRetries: 2 });
          const where = `${p} | ${stage} | ${path}`;
          expect(r.outcome.ok, where).toBe(false);
          const err = (r.outcome as { error: OutcomeUnknownError }).error;
          expect(err, `${where}: ${err}`).toBeInstanceOf(OutcomeUnknownError);
          expect(err.filename, where).toBe(`report${extensionOf(p)}`);
          expect(err.bytes, where).toBe(1000);
          expect(err.startedAt.getTime(), where).toBeGreaterThanOrEqual(r.started);
          expect(err.startedAt.getTime(), where).toBeLessThanOrEqual(Date.now());
          expect(err.status, where).toBe(status);
          expect(err.retryable, where).toBe(false);
          expect(err.message, where).toMatch(said);
          expect(err.message, where).toMatch(new RegExp(`was sent whole, then .*: ${p} may have stored the file`));
          expect(err.message, where).not.toContain(KEY);
          expect(r.uploads, where).toBe(1);
          expect(r.steps, where).toEqual([]);
          expect(s.stored.length, where).toBe(stores ? 1 : 0);
        }
      }
    });
  }

  it("no answer in time after the whole body: an OutcomeUnknownError (timeout), on every path", async () => {
    const p = PROVIDERS[0]!;
    for (const path of PATHS) {
      const s = prepared(p, "storeThenHang");
      const r = await upload(path, p, s, { file: small.get(p)!.path }, { maxRetries: 2, timeoutMs: 300 });
      const err = (r.outcome as { error: OutcomeUnknownError }).error;
      expect(err, path).toBeInstanceOf(OutcomeUnknownError);
      expect(err.cause, path).toBeInstanceOf(TimeoutError);
      expect(err.message, path).toMatch(/then no answer came within 300 ms: \w+ may have stored the file/);
      expect(r.uploads, path).toBe(1);
      expect(s.stored.length, path).toBe(1);
    }
  });
});

describe("reconcile: true settles an unknown outcome by listing", () => {
  for (const p of ONE_REQUEST) {
    it(`${p}, every path: the stored copy is the result; none stored: sent again; two that match: nothing sent, both named; a stream: not sent again`, async () => {
      const name = `report${extensionOf(p)}`;
      const idField = profileOf(p).file.id;
      for (const path of PATHS) {
        const where = `${p} | ${path}`;
        // Stored, then the connection dropped: listing finds it, nothing is sent again.
        let s = prepared(p, "storeThenDrop");
        let r = await upload(path, p, s, { file: small.get(p)!.path, reconcile: true });
        expect(r.outcome.ok, `${where}: ${(r.outcome as any).error}`).toBe(true);
        const found = (r.outcome as { value: Record<string, unknown> }).value;
        expect(String(path.startsWith("facade") ? found.id : found[idField]), where).toBe(s.stored[0]!.id);
        expect([r.uploads, r.lists, s.stored.length], where).toEqual([1, 1, 1]);
        expect(r.steps.map((x) => x.kind), where).toEqual(["found"]);
        expect(r.steps[0]!.error, where).toBeInstanceOf(OutcomeUnknownError);

        // Not stored, then dropped: listing finds none, the file is sent again, stored once.
        s = prepared(p, "dropAfterBody");
        r = await upload(path, p, s, { file: small.get(p)!.path, reconcile: true });
        expect(r.outcome.ok, `${where}: ${(r.outcome as any).error}`).toBe(true);
        expect([r.uploads, r.lists, s.stored.length], where).toEqual([2, 1, 1]);
        expect(r.steps.map((x) => x.kind), where).toEqual(["resend"]);

        // Another copy of the same name and size created since the start (as a second uploader's, or with the server's
        // clock ahead), and this one stored too: which is ours cannot be told.
        s = prepared(p, "storeThen502");
        s.seed({ filename: name, bytes: 1000, createdAt: Math.floor(Date.now() / 1000) + 60 });
        r = await upload(path, p, s, { file: small.get(p)!.path, reconcile: true });
        expect(r.outcome.ok, where).toBe(false);
        const err = (r.outcome as { error: OutcomeUnknownError }).error;
        expect(err, where).toBeInstanceOf(OutcomeUnknownError);
        expect([...(err.matches ?? [])].sort(), where).toEqual(s.stored.map((f) => f.id).sort());
        expect(err.message, where).toMatch(/2 stored files match it .*: llm-files cannot tell which one is this upload's, so it sent nothing again/);
        expect([r.uploads, r.lists, s.stored.length], where).toEqual([1, 1, 2]);

        // Older copies of the same name, or another size, are not this upload's: not stored now, so sent again.
        s = prepared(p, "after504");
        s.seed({ filename: name, bytes: 1000, createdAt: Math.floor(Date.now() / 1000) - 60 });
        s.seed({ filename: name, bytes: 999, createdAt: Math.floor(Date.now() / 1000) });
        r = await upload(path, p, s, { file: small.get(p)!.path, reconcile: true });
        expect(r.outcome.ok, `${where}: ${(r.outcome as any).error}`).toBe(true);
        expect([r.uploads, s.stored.length], where).toEqual([2, 3]);

        // A stream can be read once: with nothing stored, it is not sent again, and the error says so.
        s = prepared(p, "dropAfterBody");
        r = await upload(path, p, s, { file: new Blob(["x".repeat(1000)]).stream(), filename: name, reconcile: true });
        expect(r.outcome.ok, where).toBe(false);
        expect((r.outcome as { error: Error }).error.message, where).toMatch(/lists no stored copy; a stream can be read only once, so it was not sent again/);
        expect([r.uploads, s.stored.length], where).toEqual([1, 0]);
      }
    });
  }

  it("reconcile that is not a boolean is refused before anything is sent, naming the field", async () => {
    for (const path of PATHS) {
      const p = PROVIDERS[0]!;
      const s = prepared(p);
      const r = await upload(path, p, s, { file: small.get(p)!.path, reconcile: "yes" });
      expect((r.outcome as { error: ValidationError }).error, path).toBeInstanceOf(ValidationError);
      expect((r.outcome as { error: ValidationError }).error.field, path).toBe("reconcile");
      expect(r.uploads, path).toBe(0);
    }
  });
});

describe("the CLI says which of these happened", () => {
  const BIN = join(dirname(createRequire(import.meta.url).resolve("@llm-files/cli/package.json")), "dist/bin.js");
  /** The CLI's own `run`, in this process, against the outcome server of `p`. */
  async function cli(p: ProviderName, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { run } = (await import(join(dirname(BIN), "cli.js"))) as { run: (argv: string[], io: unknown) => Promise<number> };
    const sink = () => {
      const s = new PassThrough();
      let text = "";
      s.on("data", (d: Buffer) => (text += d.toString("utf8")));
      return { s, text: () => text };
    };
    const out = sink();
    const err = sink();
    const code = await run(["-p", p, "--base-url", servers.get(p)!.url, ...args], { stdout: out.s, stderr: err.s, stdin: Object.assign(Readable.from([]), { isTTY: false }), env: { [profileOf(p).env.apiKey]: KEY } });
    tally.scenario();
    return { code, stdout: out.text(), stderr: err.text() };
  }

  it("an unknown outcome (exit 6, says the provider may have stored it); --reconcile: the stored copy found, or none and sent again; a cut: sent again", async () => {
    // A provider whose uploads take a purpose: the CLI's --purpose is part of what is checked.
    const p = PROVIDERS.find((q) => profileOf(q).sample.purpose !== undefined)!;
    const purpose = profileOf(p).sample.purpose!;
    const file = small.get(p)!.path;
    let s = prepared(p, "storeThenDrop");
    let r = await cli(p, ["upload", file, "--purpose", purpose]);
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/^failed: .*report\.\w+: llm-files: \w+: the upload of "report\.\w+" \(1000 B\), started .*, was sent whole, then the connection dropped before the answer .*may have stored the file.*\(check with `llm-files ls` before uploading it again, or upload with --reconcile, which does\)/);
    expect(s.stored.length).toBe(1);

    s = prepared(p, "storeThenDrop");
    r = await cli(p, ["upload", file, "--purpose", purpose, "--reconcile"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${file}: the outcome was unknown (`);
    expect(r.stderr).toContain(`listing found the stored copy: ${s.stored[0]!.id}`);
    expect(s.stored.length).toBe(1);

    s = prepared(p, "dropAfterBody");
    r = await cli(p, ["--json", "upload", file, "--purpose", purpose, "--reconcile"]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.uploaded[0].recovered).toEqual([{ step: "resend", said: expect.stringMatching(/listing found no stored copy: sent again$/) }]);
    expect(s.stored.length).toBe(1);

    s = prepared(p, "dropMidBody");
    r = await cli(p, ["upload", big.path, "--purpose", purpose]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/: not stored, sent again \(attempt 2\): the connection was cut while the upload of "big\.\w+" was being sent/);
    expect(s.stored.length).toBe(1);

    s = prepared(p, "storeThenDrop");
    r = await cli(p, ["--json", "upload", file, "--purpose", purpose]);
    expect(r.code).toBe(6);
    const failed = JSON.parse(r.stdout).failed[0];
    expect(failed.error).toBe("OutcomeUnknownError");
    expect(failed.detail).toMatchObject({ exitCode: 6, filename: `report${extensionOf(p)}`, bytes: 1000, startedAt: expect.stringMatching(/^\d{4}-/) });
  });
});
