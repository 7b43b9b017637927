// Faults, fuzzing, bad input, security and load: the clients keep working and lose nothing.
import { FilesError } from "@llm-files/core";
import { sparseFile, startPrism, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { createFiles, PROVIDERS, type FileInfo, type ProviderName } from "@llm-files/unified";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badInputCases } from "../../unified/test/bad-inputs.js";
import { startFaultServer, type Fault, type FaultServer, type Op } from "../src/fault-server.js";
import { countError, notePeakRss, printSummary, scenario, summary } from "./summary.js";

const KEY = "sk-reliability-KEY-51f0c2d9";
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
process.on("unhandledRejection", onUnhandled);

let file: TempFile;
const servers: Partial<Record<ProviderName, FaultServer>> = {};
let other: TestServer; // another origin, for redirects
const sockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "FileHandle").length;
let baselineSockets = 0;

beforeAll(async () => {
  baselineSockets = sockets();
  file = await tempFile("reliability test file\n", "r.txt");
  for (const p of PROVIDERS) servers[p] = await startFaultServer(p);
  other = await startServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ seenAuthorization: req.headers.authorization ?? null })));
});

afterAll(async () => {
  for (const s of Object.values(servers)) summary.requests += s!.requests.length;
  summary.requests += other.requests.length;
  await Promise.all([...Object.values(servers).map((s) => s!.stop()), other.stop(), file.cleanup()]);
  process.off("unhandledRejection", onUnhandled);
  printSummary();
});

const files = (p: ProviderName, extra: object = {}) => createFiles({ provider: p, apiKey: KEY, baseUrl: servers[p]!.url, maxRetries: 0, timeoutMs: 400, ...extra } as any);
const PURPOSE = { moonshot: "file-extract", novita: "batch", minimax: "voice_clone" } as const;
const ID = { moonshot: "file-abc", novita: "file-abc", minimax: "1234567890123456789" } as const;
function call(p: ProviderName, op: Op, extra: object = {}): Promise<unknown> {
  const f = files(p, extra) as any;
  if (op === "list") return f.list(p === "minimax" ? { purpose: "voice_clone" } : undefined);
  if (op === "upload") return f.upload({ file: file.path, purpose: PURPOSE[p] });
  if (op === "content") return f.content(ID[p]).then((r: Response) => r.text());
  if (op === "delete") return f.delete(ID[p], p === "minimax" ? { purpose: "voice_clone" } : undefined);
  return f.retrieve(ID[p]);
}
const JSON_OPS: Op[] = ["list", "retrieve", "upload", "delete"];
const ALL_OPS: Op[] = [...JSON_OPS, "content"];

function expectNoKey(err: unknown) {
  for (const text of [String(err), (err as Error)?.stack ?? "", inspect(err, { depth: 5 }), JSON.stringify(err) ?? ""]) expect(text).not.toContain(KEY);
}

async function expectFailure(p: ProviderName, op: Op, fault: Fault, name: string, extra: object = {}) {
  servers[p]!.fault = structuredClone(fault);
  const started = Date.now();
  const err = await call(p, op, extra).then(() => undefined, (e) => e);
  expect(err, `${p} ${op} ${fault.kind}`).toBeDefined();
  expect(FilesError.isInstance(err), `${p} ${op} ${fault.kind}: ${err}`).toBe(true);
  expect((err as Error).name, `${p} ${op} ${fault.kind}: ${(err as Error).message}`).toBe(name);
  expect(Date.now() - started).toBeLessThan(5_000);
  expectNoKey(err);
  countError(err);
  scenario("faults");
}

describe("faults", () => {
  const cases: [Fault, string, Op[]][] = [
    [{ kind: "html502" }, "ServerError", ALL_OPS],
    [{ kind: "truncatedJson" }, "ServerError", JSON_OPS],
    [{ kind: "empty200" }, "ServerError", JSON_OPS],
    [{ kind: "wrongEnvelope" }, "ServerError", JSON_OPS],
    [{ kind: "resetMidBody" }, "ConnectionError", JSON_OPS],
    [{ kind: "hang" }, "TimeoutError", ALL_OPS],
    [{ kind: "trickle", msPerChunk: 40 }, "TimeoutError", JSON_OPS],
    [{ kind: "huge", bytes: 20 * 1024 * 1024 }, "ServerError", JSON_OPS],
  ];
  for (const [fault, name, ops] of cases) {
    for (const p of PROVIDERS) {
      it(`${fault.kind} -> ${name} (${p}: ${ops.join(", ")})`, async () => {
        for (const op of ops) await expectFailure(p, op, fault, name);
      });
    }
  }

  it("MiniMax base_resp errors in a 200, each documented code", async () => {
    const expected: Record<number, string> = { 1000: "ServerError", 1001: "TimeoutError", 1002: "RateLimitError", 1004: "AuthenticationError", 1008: "InsufficientBalanceError", 1013: "ServerError", 1026: "InvalidRequestError", 1027: "InvalidRequestError", 1039: "RateLimitError", 2013: "InvalidRequestError" };
    for (const [code, name] of Object.entries(expected)) for (const op of JSON_OPS) await expectFailure("minimax", op, { kind: "baseResp", code: Number(code) }, name);
  });

  it("429 with Retry-After in seconds and as a date, and 503 then success: retried to success", async () => {
    for (const p of PROVIDERS) {
      for (const op of ALL_OPS) {
        for (const value of ["0", new Date(Date.now() - 1000).toUTCString()]) {
          servers[p]!.fault = { kind: "retryAfter", status: 429, value, times: 1 };
          await call(p, op, { maxRetries: 2 });
          scenario("retried to success");
        }
        // 503 means "not processed": safe to repeat, uploads included.
        servers[p]!.fault = { kind: "retryAfter", status: 503, value: "0", times: 2 };
        await call(p, op, { maxRetries: 2 });
        scenario("retried to success");
      }
    }
  });

  it("a 3xx to another origin never carries the Authorization header", async () => {
    for (const p of PROVIDERS) {
      servers[p]!.fault = { kind: "redirect", to: other.url };
      const before = other.requests.length;
      await call(p, "retrieve").catch(() => {}); // the other origin's body is not a file: a ServerError is fine
      await call(p, "content");
      expect(other.requests.length).toBe(before + 2);
      for (const r of other.requests.slice(before)) expect(r.headers.authorization).toBeUndefined();
      scenario("redirects", 2);
    }
  });

  it("left no unhandled rejection and no open socket or file handle", async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    for (const s of Object.values(servers)) s!.fault = { kind: "ok" };
    // Servers close their side of every connection; the clients must not hold any open.
    for (const s of Object.values(servers)) {
      summary.requests += s!.requests.length;
      await s!.stop();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(sockets()).toBeLessThanOrEqual(baselineSockets + 1); // +1: the redirect target still listens
    for (const p of PROVIDERS) servers[p] = await startFaultServer(p);
  });
});

describe("fuzzing from the specs (Prism --dynamic)", () => {
  const PER_PROVIDER = 520;
  for (const p of PROVIDERS) {
    it(`${PER_PROVIDER} spec-valid random responses for ${p}: typed errors or well-typed FileInfo only`, async () => {
      const prism = await startPrism({ provider: p, dynamic: true, seed: 42 });
      try {
        const f = createFiles({ provider: p, apiKey: KEY, baseUrl: prism.url, maxRetries: 0 } as any) as any;
        let infos = 0;
        let typed = 0;
        const check = (x: FileInfo) => {
          expect(typeof x.id).toBe("string");
          expect(x.id.length).toBeGreaterThan(0);
          expect(Number.isSafeInteger(x.bytes) && x.bytes >= 0).toBe(true);
          expect(x.createdAt instanceof Date && !Number.isNaN(x.createdAt.getTime())).toBe(true);
          expect(typeof x.purpose).toBe("string");
          expect(typeof x.filename).toBe("string");
          if (x.status !== undefined) expect(typeof x.status).toBe("string");
          if (x.expiresAt !== undefined) expect(Number.isNaN(x.expiresAt.getTime())).toBe(false);
          if (x.downloadUrl !== undefined) expect(typeof x.downloadUrl).toBe("string");
          infos++;
        };
        const id = p === "minimax" ? "307374631411713" : "file-1";
        const ops = [
          async () => (await f.list(p === "minimax" ? { purpose: "voice_clone" } : undefined)).forEach(check),
          async () => check(await f.retrieve(id)),
          async () => check(await f.upload({ file: file.path, purpose: PURPOSE[p] })),
          async () => f.delete(id, p === "minimax" ? { purpose: "voice_clone" } : undefined),
        ];
        for (let i = 0; i < PER_PROVIDER; i++) {
          try {
            await ops[i % ops.length]!();
          } catch (err) {
            if (!FilesError.isInstance(err)) throw err; // anything but a typed error fails here
            typed++;
            countError(err);
          }
        }
        scenario("fuzz responses", PER_PROVIDER);
        summary.requests += PER_PROVIDER;
        console.log(`fuzz ${p}: ${PER_PROVIDER} responses, ${infos} FileInfo checked, ${typed} typed errors`);
      } finally {
        await prism.stop();
      }
    });
  }
});

describe("bad input", () => {
  it("every row is a ValidationError naming its field, and the server records zero requests", async () => {
    const dir = await mkdtemp(join(tmpdir(), "llm-files-rel-"));
    await writeFile(join(dir, "empty.txt"), "");
    const big100 = await sparseFile(100 * 1024 * 1024 + 1);
    const big20 = await sparseFile(20 * 1024 * 1024 + 1);
    const s = servers.moonshot!;
    const before = s.requests.length;
    const cases = badInputCases(s.url, { ok: file.path, empty: join(dir, "empty.txt"), dir, missing: join(dir, "nope"), over100MB: big100.path, over20MB: big20.path });
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const [name, field, run] of cases) {
      const err = await (async () => run())().then(() => undefined, (e) => e);
      expect(err?.name, name).toBe("ValidationError");
      expect(err.field, name).toBe(field);
      countError(err);
    }
    expect(s.requests.length).toBe(before);
    scenario("bad inputs", cases.length);
    await Promise.all([rm(dir, { recursive: true }), big100.cleanup(), big20.cleanup()]);
  });
});

describe("load", () => {
  it("1,000 uploads at concurrency 16 with 10 % 429/503: all succeed, each stored exactly once", async () => {
    const s = servers.novita!;
    s.fault = { kind: "flaky", every: 10 };
    s.stored.clear();
    const dir = await mkdtemp(join(tmpdir(), "llm-files-load-"));
    const paths: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const p = join(dir, `f${i}.jsonl`);
      await writeFile(p, `{"custom_id":"${i}"}\n`);
      paths.push(p);
    }
    const f = createFiles({ provider: "novita", apiKey: KEY, baseUrl: s.url, maxRetries: 5 });
    let next = 0;
    let ok = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < paths.length) {
          const p = paths[next++]!;
          await f.upload({ file: p, purpose: "batch" });
          ok++;
        }
      }),
    );
    notePeakRss();
    expect(ok).toBe(1000);
    expect(s.stored.size).toBe(1000);
    const dup = [...s.stored.values()].filter((n) => n > 1).length;
    summary.duplicates += dup;
    expect(dup).toBe(0);
    scenario("load uploads", 1000);
    await rm(dir, { recursive: true });
  });

  it("10,000 list calls at concurrency 64: no socket exhaustion, no error", async () => {
    const s = servers.moonshot!;
    s.fault = { kind: "ok" };
    const f = createFiles({ provider: "moonshot", apiKey: KEY, baseUrl: s.url });
    let next = 0;
    let ok = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next++ < 10_000) {
          expect((await f.list()).length).toBe(1);
          ok++;
        }
      }),
    );
    notePeakRss();
    expect(ok).toBe(10_000);
    // The pool may replace idle sockets under load, but never grows without bound.
    expect(s.openSockets()).toBeLessThanOrEqual(2 * 64);
    console.log(`load: 10,000 lists at concurrency 64 over ${s.openSockets()} open sockets`);
    scenario("load lists", 10_000);
  });
});
