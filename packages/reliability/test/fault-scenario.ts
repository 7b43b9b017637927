// The fault matrix's machinery, shared by the faults-*.test.ts files (split so that their waits,
// timeouts, trickles, Retry-After and backoff, run side by side in separate processes): a
// fault server per provider plus another origin for redirects, and scenario() with every
// generic check: the right typed error (or success where a retry is right), within the timeout,
// no unhandled rejection, no leaked socket or file handle, never the key in what is shown.
import { tempFile, type TempFile } from "@llm-files/testing";
import { inspect } from "node:util";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { PROVIDERS, successBody, type ProviderName } from "../src/bodies.js";
import { startFaultServer, type Fault, type FaultServer } from "../src/fault-server.js";
import { eventually, openHandles, watchUnhandled } from "../src/leaks.js";
import { Tally } from "../src/summary.js";
import { CALLS, KEY, facade, isTyped, leaksOf, resumable, run, type Call } from "./helpers.js";

/**
 * Per-attempt timeouts. Where the server never finishes its answer (a hang, a stall, a
 * trickle longer than the timeout), a short one: no machine is too busy to wait that out.
 * Everywhere else, one far beyond what a loopback answer needs even on a loaded 2-core
 * machine, so that load can never turn the expected outcome into a TimeoutError.
 */
const SHORT_TIMEOUT = 300;
const GENEROUS_TIMEOUT = 20_000;
const NEVER_FINISHES = new Set<Fault["kind"]>(["hang", "stallMidBody", "trickle"]);

/** A download's timeout is the longest pause in progress: shorter than the whole trickle. */
const TRICKLED_DOWNLOAD = { timeoutMs: 1_500 };

export type Expect = "ok" | "any" | string;
export interface Options {
  times?: number;
  /** Requests answered right before the fault starts (a resumable upload's start, say). */
  skip?: number;
  extra?: Record<string, unknown>;
  /** Checks on the outcome once the generic checks passed. */
  then?: (outcome: { ok: boolean; value?: unknown; error?: any; ms: number; requests: number; s: FaultServer }) => void;
}
export type Row = [name: string, fault: Fault, expected: (p: ProviderName, c: Call) => Expect];

/**
 * `error` on every call but an upload, whose whole body was sent before the fault: there it is
 * an OutcomeUnknownError caused by `error` (the provider may have stored the file; issue 25).
 * A resumable upload (the profile's upload form) meets the fault at its start request, before
 * any byte of the file went out: nothing can be stored, so `error` as it is.
 */
export const afterUpload = (error: string) => (p: ProviderName, c: Call): Expect =>
  c === "upload" && !resumable(p) ? `OutcomeUnknownError(${error})` : error;

export const jsonCalls = (p: ProviderName) => CALLS[p].filter((c) => c !== "content");

/**
 * Starts the servers for one test file (beforeAll) and checks and stops them after it
 * (afterAll). `part` names the file's share of the matrix in the summary's notes.
 */
export function faultMatrix(part: string) {
  const tally = new Tally("faults");
  const unhandled = watchUnhandled();
  let file: TempFile;
  let baseline: Record<string, number>;
  const servers = {} as Record<ProviderName, FaultServer>;
  /** Another origin (another port) per provider, answering correctly, for redirects. */
  const others = {} as Record<ProviderName, FaultServer>;
  const allServers = () => [...Object.values(servers), ...Object.values(others)];
  const serverSockets = () => allServers().reduce((n, s) => n + s.openSockets(), 0);

  beforeAll(async () => {
    file = await tempFile("reliability fault test\n", "r.txt");
    for (const p of PROVIDERS) {
      // Connection: close on every answer, so any socket still open after a scenario is a leak.
      servers[p] = await startFaultServer(p, { close: true });
      others[p] = await startFaultServer(p, { close: true });
    }
    baseline = openHandles();
  });

  afterAll(async () => {
    for (const s of allServers()) expect(s.unknown, `${s.provider}: requests outside the profile's operations`).toEqual([]);
    for (const p of PROVIDERS) {
      tally.server(`${p} fault server`, servers[p]);
      tally.server(`${p} other origin`, others[p]);
    }
    await Promise.all(allServers().map((s) => s.stop()));
    await file.cleanup();
    unhandled.stop();
    tally.note(`${part}: ${tally.figures.scenarios} fault scenarios, every one within its timeout, with 0 unhandled rejections and 0 leaked sockets or file handles`);
    tally.flush(inject("summaryDir"));
  });

  /** One scenario, with every generic check. */
  async function scenario(p: ProviderName, call: Call, fault: Fault, expected: Expect, o: Options = {}) {
    const s = servers[p];
    const label = `${p} ${call} under ${JSON.stringify(fault)}`;
    const before = s.requests.length + others[p].requests.length;
    const unhandledBefore = unhandled.count;
    s.set(fault, o.times, o.skip);
    s.stored.clear();
    s.uploadsReceived.clear();
    const timeout = (o.extra?.timeoutMs as number | undefined) ?? (NEVER_FINISHES.has(fault.kind) ? SHORT_TIMEOUT : GENEROUS_TIMEOUT);
    const files = facade(p, s.url, { timeoutMs: timeout, ...o.extra });
    const t0 = performance.now();
    const outcome = await run(files, p, call, file.path).then(
      (value) => ({ ok: true, value, error: undefined as any }),
      (error) => ({ ok: false, value: undefined, error }),
    );
    const ms = performance.now() - t0;
    s.set({ kind: "ok" });
    if (expected === "ok") expect(outcome.error, label).toBeUndefined();
    else if (!outcome.ok || expected !== "any") {
      expect(outcome.ok, `${label}: expected ${expected}`).toBe(false);
      expect(isTyped(outcome.error), `${label}: not a FilesError: ${outcome.error}`).toBe(true);
      // "OutcomeUnknownError(TimeoutError)": that error, caused by that one (an upload sent whole, then the fault).
      const [name, cause] = /^(\w+)\((\w+)\)$/.exec(expected)?.slice(1) ?? [expected];
      if (expected !== "any") expect(outcome.error.name, `${label}: ${outcome.error.message}`).toBe(name);
      if (cause !== undefined) expect(outcome.error.cause?.name, `${label}: the cause of ${outcome.error.message}`).toBe(cause);
      expect(leaksOf(outcome.error), `${label}: the key in the error`).toEqual([]);
      tally.error(outcome.error);
    }
    // A download's bytes are delivered as sent (a file may legitimately hold any string): the key
    // is kept out of every parsed result, error and rendering, not out of a file's content.
    if (outcome.ok && call !== "content") expect(inspect(outcome.value, { depth: Infinity }), `${label}: the key in the result`).not.toContain(KEY);
    // Within its timeout: each attempt is bounded by the timeout; a lookup makes two calls in a
    // row. The slack is for a busy machine: it tells "ended by its timeout" from "hung".
    const attempts = 1 + ((o.extra?.maxRetries as number | undefined) ?? 0);
    expect(ms, `${label}: took ${ms.toFixed(0)} ms`).toBeLessThan(attempts * 2 * timeout + 10_000);
    // Nothing left behind on the client: no socket still active (both ends live in this process,
    // so the servers' own sockets are taken off the count), no file handle open. The servers'
    // count is checked once at the end: undici lets go of an aborted fetch's socket at once
    // (unref'd) but closes it only when its keep-alive timer fires, about 4 s later.
    const settled = () => {
      const h = openHandles();
      return h.TCPSocketWrap! - serverSockets() <= baseline.TCPSocketWrap! && h.FileHandle! <= baseline.FileHandle!;
    };
    expect(await eventually(settled), `${label}: open handles ${JSON.stringify(openHandles())} (servers' ${serverSockets()}), before ${JSON.stringify(baseline)}`).toBe(true);
    expect(unhandled.count - unhandledBefore, `${label}: unhandled rejections ${unhandled.reasons}`).toBe(0);
    tally.scenario();
    o.then?.({ ...outcome, ms, requests: s.requests.length + others[p].requests.length - before, s });
    return outcome;
  }

  /**
   * Each row of faults answered by the server, for every provider: one test per row and
   * provider. `every`: on every call. `rotate` (rows whose cost is waiting or a large body, and
   * whose outcome core decides the same way for every JSON call): the upload (where the
   * profile's upload form sends it: multipart, raw or resumable), the content download where
   * the provider has one (a stream, timed by its pauses), and one more call, the calls taking
   * turns from row to row and provider to provider, so every call meets the row on some provider.
   */
  function table(rows: Row[], mode: "every" | "rotate" = "every") {
    for (const [r, [name, fault, expected]] of rows.entries()) {
      for (const [i, p] of PROVIDERS.entries()) {
        const others = CALLS[p].filter((c) => c !== "upload" && c !== "content");
        const calls = mode === "every" ? CALLS[p] : CALLS[p].filter((c) => c === "upload" || c === "content" || c === others[(r + i) % others.length]);
        it(`${name}: ${p}`, async () => {
          for (const call of calls) {
            await scenario(p, call, fault, expected(p, call), {
              extra: fault.kind === "trickle" && call === "content" ? TRICKLED_DOWNLOAD : undefined,
              then: (o) => {
                // A trickled download arrives whole.
                if (fault.kind === "trickle" && call === "content") expect(o.value).toBe(successBody(p, "content"));
              },
            });
          }
        });
      }
    }
  }

  /** The file's last test: every connection closes (the servers' count drops to 0), no rejection went unhandled. */
  function allClosedAtTheEnd() {
    it("after every scenario above: every connection closes (the servers' count drops to 0) and no rejection went unhandled", async () => {
      const lingering = serverSockets();
      const t0 = performance.now();
      expect(await eventually(() => serverSockets() === 0, 8_000), `${serverSockets()} sockets still open`).toBe(true);
      tally.note(`${part}: ${lingering} aborted connections were still open on the servers after the last scenario; all closed ${((performance.now() - t0) / 1000).toFixed(1)} s later`);
      expect(unhandled.reasons).toEqual([]);
    });
  }

  return { servers, others, scenario, table, allClosedAtTheEnd };
}
