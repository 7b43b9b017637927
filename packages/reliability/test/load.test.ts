// Load: 1,000 uploads of real files at concurrency 16 while the servers refuse 10 % of requests
// (429 and 503 in turn, Retry-After: 0), and 10,000 list calls at concurrency 64.
import { sparseFile } from "@llm-files/testing";
import { FILE_ID, PROVIDERS, extensionOf, type ProviderName } from "../src/bodies.js";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { successBody } from "../src/bodies.js";
import { startFaultServer, type FaultServer } from "../src/fault-server.js";
import { eventually, inHalves, openHandles, watchUnhandled, type HalvesFigures } from "../src/leaks.js";
import { Tally } from "../src/summary.js";
import { purposeOptions } from "../src/paths.js";
import { PURPOSE, facade } from "./helpers.js";

const tally = new Tally("load");
const unhandled = watchUnhandled();
const servers = {} as Record<ProviderName, FaultServer>;
let forgotten = 0;

/** Drops the servers' request records (counted first), so a heap figure is the client's alone; the servers' own counts go on. */
function forgetRecords(): void {
  for (const s of Object.values(servers)) forgotten += s.requests.splice(0).length;
}

beforeAll(async () => {
  for (const p of PROVIDERS) {
    servers[p] = await startFaultServer(p); // keep-alive, as real servers
    tally.server(`${p} fault server`, servers[p]);
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  unhandled.stop();
  tally.flush(inject("summaryDir"));
});

/** Runs tasks from..to-1, `concurrency` at a time. */
async function pool(from: number, to: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < to) await task(next++);
    }),
  );
}

/** Memory stays bounded: the second half of a run retains no more than the first left behind. */
function expectBounded(m: HalvesFigures, perHalfMb: number) {
  expect(m.heapMb[2] - m.heapMb[1], `heap retained grew in the second half: ${m.heapMb.map((x) => x.toFixed(1))}`).toBeLessThan(perHalfMb);
  expect(m.peakMb[1] - m.peakMb[0], `RSS kept climbing: ${m.peakMb.map((x) => x.toFixed(0))}`).toBeLessThan(64);
}

const memory = (m: HalvesFigures) =>
  `RSS ${m.startMb.toFixed(0)} -> peak ${m.peakMb[0].toFixed(0)} / ${m.peakMb[1].toFixed(0)} MB (first / second half), heap retained after GC ${m.heapMb.map((x) => x.toFixed(1)).join(" -> ")} MB`;

describe("load", () => {
  it("1,000 uploads at concurrency 16 with 10 % refused (429/503, Retry-After: 0): all succeed, each file stored exactly once", async () => {
    const N = 1000;
    const dir = await mkdtemp(join(tmpdir(), "llm-files-load-"));
    try {
      const files: { path: string; sha: string; provider: ProviderName }[] = [];
      for (let i = 0; i < N; i++) {
        const provider = PROVIDERS[i % PROVIDERS.length]!;
        const content = `{"custom_id":"request-${i}","body":"${"x".repeat(i % 200)}"}\n`;
        const path = join(dir, `f${i}${extensionOf(provider)}`);
        await writeFile(path, content);
        files.push({ path, provider, sha: createHash("sha256").update(content).digest("hex") });
      }
      for (const s of Object.values(servers)) {
        s.set({ kind: "flaky", every: 10 });
        s.stored.clear();
        s.uploadsReceived.clear();
      }
      forgetRecords();
      const before = openHandles();
      const requestsBefore = forgotten;
      const sum = (f: (s: FaultServer) => number) => Object.values(servers).reduce((n, s) => n + f(s), 0);
      const protocolBefore = sum((s) => s.protocolRequests());
      const refusedBefore = sum((s) => s.refused().all);
      const refusedProtocolBefore = sum((s) => s.refused().protocol);
      const clients = Object.fromEntries(PROVIDERS.map((p) => [p, facade(p, servers[p].url, { maxRetries: 5, timeoutMs: 30_000 })])) as Record<ProviderName, any>;
      let ok = 0;
      const t0 = performance.now();
      const m = await inHalves(N, (from, to) =>
        pool(from, to, 16, async (i) => {
          const f = files[i]!;
          const info = await clients[f.provider].upload({ file: f.path, purpose: PURPOSE[f.provider] });
          expect(typeof info.id).toBe("string");
          ok++;
        }),
        forgetRecords,
      );
      const seconds = (performance.now() - t0) / 1000;
      for (const s of Object.values(servers)) s.set({ kind: "ok" });
      const requests = forgotten + Object.values(servers).reduce((n, s) => n + s.requests.length, 0) - requestsBefore;
      const stored = new Map<string, number>();
      for (const s of Object.values(servers)) for (const [sha, n] of s.stored) stored.set(sha, (stored.get(sha) ?? 0) + n);
      const duplicates = [...stored.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
      const refused = sum((s) => s.refused().all) - refusedBefore;
      const refusedProtocol = sum((s) => s.refused().protocol) - refusedProtocolBefore;
      // A resumable upload's start and queries carry none of the file.
      const protocol = sum((s) => s.protocolRequests()) - protocolBefore;

      expect(ok).toBe(N);
      // Every attempt, refused ones included, carried a whole file: a server could have stored it.
      const received = Object.values(servers).reduce((n, s) => n + [...s.uploadsReceived.values()].reduce((a, b) => a + b, 0), 0);
      expect(received).toBe(requests - protocol);
      // Each request carrying a file was stored once or refused; the rest were steps of a resumable upload's protocol.
      expect(refused - refusedProtocol + stored.size + protocol).toBe(requests);
      expect(duplicates).toBe(0);
      expect(stored.size).toBe(N);
      for (const f of files) expect(stored.get(f.sha), f.path).toBe(1);
      expect(refused, "the servers really refused ~10 %").toBeGreaterThanOrEqual(N * 0.09);
      // Bounded memory: the second 500 uploads keep nothing more than the first 500 did (under
      // 4 KB an upload), and the peak does not climb.
      expectBounded(m, 2);
      expect(await eventually(() => openHandles().FileHandle! <= before.FileHandle!), "file handles left open").toBe(true);
      expect(unhandled.count).toBe(0);
      tally.scenario(N);
      tally.duplicates(duplicates);
      tally.note(
        `uploads: ${N} ok in ${seconds.toFixed(1)} s over ${requests} requests (${refused} refused with 429/503 and retried; refusals answered after the body was read; ${protocol} resumable sessions' starts and queries), ` +
          `0 duplicates, ${memory(m)}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a 503 answered before the upload's body is read (then the connection closed): retried, the file arrives whole once", async () => {
    const p = PROVIDERS[0]!;
    const big = await sparseFile(4 * 1024 * 1024, `big${extensionOf(p)}`);
    const sha = createHash("sha256").update(await readFile(big.path)).digest("hex");
    const bodies: string[] = [];
    let n = 0;
    // node:http directly: startServer reads every body before its handler runs.
    const server = createServer((req, res) => {
      if (n++ === 0) {
        res.writeHead(503, { "content-type": "application/json", "retry-after": "0", connection: "close" });
        return res.end('{"message":"overloaded"}');
      }
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const start = body.indexOf("\r\n\r\n", body.indexOf('name="file"')) + 4;
        bodies.push(createHash("sha256").update(body.subarray(start, start + 4 * 1024 * 1024)).digest("hex"));
        res.writeHead(200, { "content-type": "application/json" }).end(successBody(p, "upload"));
      });
    });
    tally.server(`${p} server refusing before the body`, () => n);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const info = await (facade(p, url, { maxRetries: 2, timeoutMs: 30_000 }) as any).upload({ file: big.path, purpose: PURPOSE[p] });
      expect(info.id).toBe(FILE_ID[p]);
      expect(n).toBe(2);
      expect(bodies).toEqual([sha]);
      tally.scenario();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await big.cleanup();
    }
  });

  it("10,000 list calls at concurrency 64: no error, no socket exhaustion", async () => {
    const N = 10_000;
    const clients = Object.fromEntries(PROVIDERS.map((p) => [p, facade(p, servers[p].url, { maxRetries: 0, timeoutMs: 30_000 })])) as Record<ProviderName, any>;
    forgetRecords();
    const requestsBefore = forgotten;
    const connectionsBefore = Object.values(servers).reduce((n, s) => n + s.connections(), 0);
    let ok = 0;
    let maxSockets = 0;
    const t0 = performance.now();
    const m = await inHalves(N, (from, to) =>
      pool(from, to, 64, async (i) => {
        const p = PROVIDERS[i % PROVIDERS.length]!;
        const list = await clients[p].list(purposeOptions(p).list);
        expect(list).toHaveLength(1);
        ok++;
        if (i % 100 === 0) maxSockets = Math.max(maxSockets, Object.values(servers).reduce((n, s) => n + s.openSockets(), 0));
      }),
      forgetRecords,
    );
    const seconds = (performance.now() - t0) / 1000;
    const requests = forgotten - requestsBefore;
    const connections = Object.values(servers).reduce((n, s) => n + s.connections(), 0) - connectionsBefore;
    expect(ok).toBe(N);
    expect(requests).toBe(N);
    // Keep-alive: a pool of connections per origin (one per provider), reused, never one per call.
    expect(maxSockets).toBeLessThanOrEqual(PROVIDERS.length * 64 + 16);
    expect(connections).toBeLessThan(N / 10);
    // The second 5,000 calls keep no more than 4 MB beyond the first (under 800 bytes a call;
    // the connection pool may add a few sockets between halves).
    expectBounded(m, 4);
    expect(unhandled.count).toBe(0);
    tally.scenario(N);
    tally.note(`lists: ${N} ok in ${seconds.toFixed(1)} s (${(N / seconds).toFixed(0)}/s) over ${connections} connections (at most ${maxSockets} open at once), ${memory(m)}`);
  });
});
