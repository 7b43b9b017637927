// Issue 12, class 4: every early exit cleans up at once. An error answer before the body is
// sent, an abort, a timeout, a throwing onProgress, a source that fails to read or yields fewer
// bytes than announced, a file that cannot be read: on every path and provider, the caller gets
// the right error (its own, for its own callback or data), nothing truncated is stored, and no
// file descriptor, socket or listener is left (counted in /proc/self/fd, not timed).
import { sparseFile, tempFile, type TempFile } from "@llm-files/testing";
import { PROVIDERS, type ProviderName } from "../src/bodies.js";
import { ResumableSessions, resumableStep } from "@llm-files/testing/providers";
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { successBody } from "../src/bodies.js";
import { routeOf } from "../src/hostile-server.js";
import { eventually, openHandles, watchUnhandled } from "../src/leaks.js";
import { PATHS, client, settle, type PathName } from "../src/paths.js";
import { Tally } from "../src/summary.js";
import { KEY, PURPOSE, isTyped, leaksOf, resumable } from "./helpers.js";

const tally = new Tally("4 early exits clean up");
const run = promisify(execFile);
const unhandled = watchUnhandled();
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);

type Mode = "ok" | "early413" | "hang";
let mode: Mode = "ok";
let requests = 0;
/** Uploads the server received whole (its announced length, to the end). */
let complete = 0;
const sockets = new Set<Socket>();
/** Where a provider's uploads are resumable, the protocol's sessions (its steps before the last are answered in headers). */
const sessions = new ResumableSessions();
/** Chunks small enough that a resumable upload of the 8 MiB file reports progress (and can be stopped) partway. */
const CHUNK = 256 * 1024;
/** A resumable upload's cancel, sent (not awaited) when it stops: a request that carries nothing, counted apart (it may arrive after its case). */
let cancels = 0;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const route = routeOf(req.method ?? "", req.url ?? "");
  const step = route?.op === "upload" && resumable(route.provider) ? resumableStep(req.headers) : undefined;
  if (step === "cancel") cancels++;
  else requests++;
  const answer = () => res.writeHead(200, { "content-type": "application/json", connection: "close" }).end(successBody(route!.provider, route!.op));
  if (mode === "early413") {
    // Refuses at once, without reading the body (as a proxy with a size limit does).
    return res.writeHead(413, { "content-type": "application/json", connection: "close" }).end('{"error":{"message":"request entity too large"}}');
  }
  const body: Buffer[] = [];
  let bytes = 0;
  req.on("data", (c: Buffer) => {
    bytes += c.length;
    if (step) body.push(c);
  });
  req.on("end", () => {
    // Stored: a whole multipart upload, or a resumable upload's finalizing request.
    if (route?.op === "upload" && (step ? step === "finalize" : bytes === Number(req.headers["content-length"] ?? bytes))) complete++;
    if (mode !== "ok") return;
    if (step && step !== "finalize") {
      const url = `http://${req.headers.host}${req.url}`;
      const a = step === "start" ? sessions.start(url.split("?")[0]!, req.headers, Buffer.concat(body)) : step === "chunk" ? sessions.chunk(url, req.headers, Buffer.concat(body), false) : step === "query" ? sessions.query(url) : { status: 200, headers: {} };
      return res.writeHead(a.status, { ...a.headers, connection: "close", "content-length": "0" }).end();
    }
    answer();
  });
  req.on("error", () => {});
});
server.on("connection", (s) => {
  sockets.add(s);
  s.once("close", () => sockets.delete(s));
});
let url: string;
let dir: string;
let big: TempFile;
let small: TempFile;
let baseline: number;
let baseSockets: number;
/**
 * What is held: open descriptors that are not sockets (files), and client sockets still active
 * (the server's own sockets, in this process too, are taken off). undici lets go of an aborted
 * fetch's socket at once (unref'd) and closes it when its keep-alive timer fires, ~4 s later.
 */
const held = () => {
  const files = readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return !readlinkSync(`/proc/self/fd/${fd}`).startsWith("socket:");
    } catch {
      return false;
    }
  }).length;
  return { files, sockets: openHandles().TCPSocketWrap! - sockets.size };
};
const fds = () => held().files;
const clean = () => held().files <= baseline && held().sockets <= baseSockets;
/** What each open descriptor is (for a failure message). */
const fdList = () => readdirSync("/proc/self/fd").map((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`); } catch { return "?"; } }).join(", ");

beforeAll(async () => {
  process.on("uncaughtException", onUncaught);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  dir = await mkdtemp(join(tmpdir(), "llm-files-exits-"));
  big = await sparseFile(8 * 1024 * 1024, "big.txt");
  small = await tempFile("small\n", "small.txt");
  baseline = fds();
  baseSockets = held().sockets;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  await Promise.all([rm(dir, { recursive: true, force: true }), big.cleanup(), small.cleanup()]);
  process.off("uncaughtException", onUncaught);
  unhandled.stop();
  tally.server("loopback server", () => requests + cancels);
  tally.flush(inject("summaryDir"));
});

interface Row {
  name: string;
  mode: Mode;
  /** Which providers (timeouts rotate through them, one per path, to keep the suite fast). */
  only?: (p: ProviderName, path: PathName, i: number) => boolean;
  options?: Record<string, unknown>;
  run: (c: ReturnType<typeof client>, ctx: { file: string }) => Promise<unknown>;
  check: (err: any, ctx: { boom: Error; reason: unknown; p: ProviderName }) => void;
  /** Requests the server may see (0: refused before any connection). */
  maxRequests: number;
  /** The server may have received the whole upload (a timeout waits for an answer after it). */
  mayComplete?: boolean;
}

const boom = new Error("the caller's onProgress threw");
const readFailure = new Error("the caller's stream failed to read");

const rows = (): Row[] => [
  { name: "an error answer (413) before the body is sent", mode: "early413", run: (c) => c.upload({ file: big.path }), check: (e) => expect(e?.status ?? e?.name).toSatisfy((s: unknown) => s === 413 || e?.name === "ConnectionError"), maxRequests: 1 },
  {
    name: "abort while the body is sent",
    mode: "ok",
    run: (c) => {
      const ac = new AbortController();
      return c.upload({ file: big.path, signal: ac.signal, onProgress: () => ac.abort(new Error("stop")) });
    },
    check: (e) => expect(e?.message).toBe("stop"),
    maxRequests: 1,
  },
  // Each provider on one path (the paths in turn), so every provider and every path meets it.
  // The whole body was sent: the provider may have stored it, so the timeout is an unknown outcome
  // (issue 25). A resumable upload's start is what goes unanswered, before any of the file: a timeout.
  { name: "a timeout while the server does not answer", mode: "hang", only: (p, _path, i) => PROVIDERS.indexOf(p) % PATHS.length === i, options: { timeoutMs: 300 }, run: (c) => c.upload({ file: small.path }), check: (e, { p }) => expect([e?.name, e?.cause?.name]).toEqual(resumable(p) ? ["TimeoutError", "Error"] : ["OutcomeUnknownError", "TimeoutError"]), maxRequests: 1, mayComplete: true },
  {
    name: "onProgress throws (its own error, not a retried ConnectionError)",
    mode: "ok",
    options: { maxRetries: 2 },
    run: (c) => c.upload({ file: big.path, onProgress: () => { throw boom; } }),
    check: (e, ctx) => expect(e).toBe(ctx.boom),
    maxRequests: 1,
  },
  {
    name: "the source fails to read (its own error, not retried)",
    mode: "ok",
    options: { maxRetries: 2 },
    run: (c) => {
      let n = 0;
      const stream = new ReadableStream<Uint8Array>({ pull: (ctl) => (n++ === 0 ? ctl.enqueue(new Uint8Array(1024)) : ctl.error(readFailure)) });
      return c.upload({ file: stream, filename: "s.txt" });
    },
    check: (e) => expect(e).toBe(readFailure),
    maxRequests: 1,
  },
  {
    name: "the file shrinks while it is sent (fewer bytes than announced)",
    mode: "ok",
    run: async (c, ctx) => {
      let cut = false;
      return c.upload({ file: ctx.file, onProgress: () => void (cut ||= (truncateSync(ctx.file), true)) });
    },
    check: (e) => {
      expect(e?.name).toBe("ValidationError");
      expect(e?.field).toBe("file");
    },
    maxRequests: 1,
  },
  { name: "a directory", mode: "ok", run: () => Promise.resolve(), check: () => {}, maxRequests: 0 },
];

function truncateSync(path: string): void {
  execFileSync("truncate", ["-s", "100K", path]);
}

describe("class 4: every early exit cleans up at once", () => {
  it("rows x paths x providers: the right error, nothing stored truncated, no fd/socket left, nothing crashes later", async () => {
    let cases = 0;
    for (const row of rows().filter((r) => r.name !== "a directory")) {
      for (const [i, path] of PATHS.entries()) {
        for (const p of PROVIDERS) {
          if (row.only && !row.only(p, path, i)) continue;
          const label = `${row.name} | ${path} | ${p}`;
          mode = row.mode;
          const file = join(dir, `shrink-${cases}.txt`);
          if (row.name.startsWith("the file shrinks")) await writeFile(file, Buffer.alloc(2 * 1024 * 1024, 0x61));
          const before = { requests, complete };
          const c = client(path, p, { apiKey: KEY, baseUrl: `${url}/${p}`, ...row.options });
          // A resumable upload goes in small chunks (so it reports progress, and can be stopped, partway).
          const ops = resumable(p) ? { ...c, upload: (params: Record<string, unknown>) => c.upload({ chunkSizeBytes: CHUNK, ...params }) } : c;
          const outcome = await settle(() => row.run(ops, { file }));
          mode = "ok";
          expect(outcome.ok, `${label}: succeeded`).toBe(false);
          const err = (outcome as { error: any }).error;
          row.check(err, { boom, reason: undefined, p });
          expect(leaksOf(err), label).toEqual([]);
          // A resumable upload's start is a request too.
          expect(requests - before.requests, `${label}: requests`).toBeLessThanOrEqual(row.maxRequests + (resumable(p) && row.maxRequests > 0 ? 1 : 0));
          if (!row.mayComplete) expect(complete - before.complete, `${label}: an upload stored`).toBe(0);
          // Everything let go: file descriptors (files and sockets, both ends live here) back to the baseline.
          expect(await eventually(clean, 10_000), `${label}: ${JSON.stringify(held())} held, baseline ${baseline} files, ${baseSockets} sockets: ${fdList()}`).toBe(true);
          await rm(file, { force: true });
          // The caller's own errors (abort reason, its onProgress's, its stream's) are not FilesErrors by design.
          if (isTyped(err)) tally.error(err);
          cases++;
        }
      }
    }
    expect(uncaught, "uncaught exceptions (orphan emitters)").toEqual([]);
    expect(unhandled.count, `unhandled rejections ${unhandled.reasons}`).toBe(0);
    tally.scenario(cases);
    tally.note(`${cases} early exits (413 before the body, abort, timeout, throwing onProgress, failing source, shrinking file): right error, 0 uploads stored, fds back to baseline, 0 uncaught`);
  });

  it("a file that cannot be read is a ValidationError before any connection, on every path", async () => {
    const sub = join(dir, "a-dir");
    await mkdir(sub, { recursive: true });
    const fifo = join(dir, "a-fifo");
    execFileSync("mkfifo", [fifo]);
    const sources: [string, unknown][] = [
      ["a directory (EISDIR)", sub],
      ["a FIFO", fifo],
      ["a missing file (ENOENT)", join(dir, "missing.txt")],
      ["a file: URL to a directory", new URL(`file://${sub}`)],
    ];
    let cases = 0;
    for (const [name, source] of sources) {
      for (const path of PATHS) {
        for (const p of PROVIDERS) {
          const before = requests;
          const outcome = await settle(() => client(path, p, { apiKey: KEY, baseUrl: `${url}/${p}` }).upload({ file: source }));
          const err = (outcome as { error: any }).error;
          expect(err?.name, `${name} | ${path} | ${p}: ${err}`).toBe("ValidationError");
          expect(err.field).toBe("file");
          expect(requests - before, `${name}: requests`).toBe(0);
          cases++;
        }
      }
    }
    expect(await eventually(clean, 10_000), `${JSON.stringify(held())} held: ${fdList()}`).toBe(true);
    tally.scenario(cases);
    tally.note(`${cases} unreadable sources (directory, FIFO, missing, file: URL to a directory): ValidationError, 0 requests`);
  });

  it("a file without read permission (EACCES), uploaded by a user without privileges: a ValidationError before any connection, on every path", async () => {
    // Root reads any file, so the uploads run in a child that is not root: as root (CI), the
    // child drops to `nobody` (groups, gid, uid) once it has loaded its modules (nobody may not
    // reach a checkout in a 0700 folder); as any other user, it runs as that user. The file has
    // mode 000, in a directory the child can reach.
    const lockedDir = await mkdtemp(join(tmpdir(), "llm-files-eacces-"));
    try {
      await chmod(lockedDir, 0o755);
      const locked = join(lockedDir, "locked.txt");
      await writeFile(locked, "secret\n");
      await chmod(locked, 0o000);
      const warm = join(lockedDir, "readable.txt");
      await writeFile(warm, "warm-up\n");
      const root = process.getuid?.() === 0;
      const ids = (flag: string) => Number(execFileSync("id", [flag, "nobody"], { encoding: "utf8" }).trim());
      const before = requests;
      const args = { url, key: KEY, file: locked, warm, providers: PROVIDERS, purposes: PURPOSE, paths: PATHS, dropTo: root ? { uid: ids("-u"), gid: ids("-g") } : undefined };
      // Asynchronously: this process's server must stay free to answer (and count) a request, were one sent.
      const { stdout: out } = await run(process.execPath, [fileURLToPath(new URL("./fixtures/unprivileged-upload.mjs", import.meta.url))], {
        encoding: "utf8",
        env: { PATH: process.env.PATH!, REL_ARGS: JSON.stringify(args) },
        timeout: 60_000, // a net for a hung child, not a measure
      });
      const child = JSON.parse(out.trim().split("\n").at(-1)!) as { uid: number; gid: number; groups: number[]; sees: string; reads: string; results: { provider: string; path: string; ok: boolean; name?: string; field?: string; message?: string }[] };
      // The child really was unprivileged, could reach the file, and could not read it.
      expect(child.uid, "the child ran as root").not.toBe(0);
      expect(child.groups, "the child kept root's group").not.toContain(0);
      expect(child.sees).toBe("yes");
      expect(child.reads).toBe("EACCES");
      expect(child.results).toHaveLength(PATHS.length * PROVIDERS.length);
      for (const r of child.results) {
        const label = `EACCES | ${r.path} | ${r.provider}: ${r.message}`;
        expect(r.name, label).toBe("ValidationError");
        expect(r.field, label).toBe("file");
        expect(r.message, label).toContain("EACCES");
      }
      expect(requests - before, "EACCES: requests").toBe(0);
      tally.scenario(child.results.length);
      tally.note(`${child.results.length} uploads of a mode-000 file by uid ${child.uid} (${root ? "root's child as nobody" : "the user running the tests"}): ValidationError naming the file, 0 requests`);
    } finally {
      await rm(lockedDir, { recursive: true, force: true });
    }
  });
});
