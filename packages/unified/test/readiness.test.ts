// FileInfo.state and waitUntilReady, against a real loopback server shaped like Moonshot's
// (GET /v1/files/{id}) whose answers walk through a scripted list of statuses.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFiles, filesFromProvider, FileProcessingError, TimeoutError, ValidationError } from "../src/index.js";
import { profileLike, testProvider } from "./test-provider.js";

let server: TestServer;
/** The statuses answered in turn (the last one repeats); `hold` leaves a request unanswered. */
let script: (string | undefined | "hold")[] = [];
let onRequest: (index: number) => void = () => {};
const file = (status?: string, details = "") => ({ id: "file-1", object: "file", bytes: 10, created_at: 1700000000, filename: "a.pdf", purpose: "file-extract", status, status_details: details });
beforeAll(async () => {
  let served = 0;
  server = await startServer((req, res, index) => {
    onRequest(index);
    if (req.url === "/v1/files") return json(res, 200, { object: "list", data: [file("ok"), { ...file("parsing"), id: "file-2" }, { ...file("ready"), id: "file-3" }] });
    const status = script[Math.min(served++, script.length - 1)];
    if (status === "hold") return; // never answered: only an abort ends this request
    if (status?.startsWith("error")) return json(res, 200, file("error", "the PDF is encrypted"));
    json(res, 200, status === undefined ? { ...file(), status: undefined } : file(status));
  });
  served = 0;
  reset = () => void (served = 0);
});
let reset = () => {};
afterAll(() => server.stop());

const moonshot = () => createFiles({ provider: "moonshot", apiKey: "sk-wait", baseUrl: server.url, maxRetries: 0 });
/** Moonshot's profile with a status table that knows a processing and a failed value, to drive every branch. */
const MOONSHOT_WITH_STATES = testProvider(profileLike("moonshot", { states: { ready: ["ok"], processing: ["parsing"], failed: ["error"] } }));
const withStates = () => filesFromProvider<"moonshot">(MOONSHOT_WITH_STATES, { apiKey: "sk-wait", baseUrl: server.url, maxRetries: 0 });
function run(statuses: typeof script): number {
  script = statuses;
  reset();
  onRequest = () => {};
  return server.requests.length;
}

describe("FileInfo.state", () => {
  it("Moonshot: the documented 'ok' and 'ready' are ready; any other value keeps status and has no state", async () => {
    run([]);
    const list = await moonshot().list();
    expect(list.map((f) => [f.status, f.state])).toEqual([["ok", "ready"], ["parsing", undefined], ["ready", "ready"]]);
    expect(list[1]).not.toHaveProperty("state");
  });
});

describe("waitUntilReady", () => {
  it("polls through processing and resolves with the ready file, one request per poll", async () => {
    const before = run(["parsing", "parsing", "parsing", "ok"]);
    const f = await withStates().waitUntilReady("file-1", { intervalMs: 5 });
    expect(f).toMatchObject({ id: "file-1", state: "ready", status: "ok" });
    expect(server.requests.length - before).toBe(4);
    expect(server.requests.at(-1)!.url).toBe("/v1/files/file-1");
  });

  it("a failed file rejects with FileProcessingError carrying the provider's detail", async () => {
    const before = run(["parsing", "error"]);
    const err = await withStates().waitUntilReady("file-1", { intervalMs: 5 }).catch((e) => e);
    expect(err).toBeInstanceOf(FileProcessingError);
    expect(err).toMatchObject({ provider: "moonshot", fileId: "file-1", fileStatus: "error", detail: "the PDF is encrypted", retryable: false });
    expect(err.message).toMatch(/file-1 failed processing \(status "error"\): the PDF is encrypted/);
    expect(server.requests.length - before).toBe(2);
  });

  it("Moonshot keeps polling a status it does not know, until it reads a ready one", async () => {
    const before = run(["parsing", "ok"]);
    expect(await moonshot().waitUntilReady("file-1", { intervalMs: 5 })).toMatchObject({ state: "ready" });
    expect(server.requests.length - before).toBe(2);
  });

  it("past timeoutMs: a TimeoutError naming the last status and the number of polls", async () => {
    // One answer, then a poll the server holds: the deadline (generous, so the first answer
    // comes well before it on a busy machine) is what ends the wait.
    const before = run(["parsing", "hold"]);
    const err = await withStates().waitUntilReady("file-1", { timeoutMs: 2_000, intervalMs: 10 }).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(server.requests.length - before).toBe(2);
    expect(err.message).toContain(`file-1 was not ready after 2000 ms and 1 poll (last status "parsing"): raise timeoutMs`);
  });

  it("a status nobody documents is waited on, and the TimeoutError says so", async () => {
    run(["mystery", "hold"]);
    const err = await withStates().waitUntilReady("file-1", { timeoutMs: 2_000, intervalMs: 10 }).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toContain(`(last status "mystery" (not a status llm-files knows; see raw))`);
  });

  it("the timeout also ends a request the server never answers", async () => {
    run(["hold"]);
    const err = await withStates().waitUntilReady("file-1", { timeoutMs: 200, intervalMs: 10 }).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/0 polls \(no answer yet\)/);
  });

  it("abort between polls rejects with the signal's reason and stops polling", async () => {
    const before = run(["parsing"]);
    const ctl = new AbortController();
    const reason = new Error("user gave up");
    // Aborted when the third poll reaches the server: that poll (or the pause after it) is cut short, and no fourth is sent.
    onRequest = (i) => void (i - before === 2 && ctl.abort(reason));
    await expect(withStates().waitUntilReady("file-1", { intervalMs: 5, signal: ctl.signal })).rejects.toBe(reason);
    const polls = server.requests.length - before;
    expect(polls).toBe(3);
  });

  it("abort during a request the server holds rejects with the reason", async () => {
    const before = run(["hold"]);
    const ctl = new AbortController();
    onRequest = (i) => void (i === before && setImmediate(() => ctl.abort("stop")));
    await expect(withStates().waitUntilReady("file-1", { signal: ctl.signal })).rejects.toBe("stop");
  });

  it("an already aborted signal sends nothing", async () => {
    const before = run(["ok"]);
    await expect(withStates().waitUntilReady("file-1", { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    expect(server.requests.length).toBe(before);
  });

  it("bad options are ValidationErrors naming the field, before any request", async () => {
    const before = run(["ok"]);
    const f = withStates();
    const cases: [unknown, string][] = [
      [{ intervalMs: 0 }, "intervalMs"],
      [{ intervalMs: Number.NaN }, "intervalMs"],
      [{ timeoutMs: -1 }, "timeoutMs"],
      [{ timeoutMs: "10s" }, "timeoutMs"],
      [{ signal: "stop" }, "signal"],
      ["fast", "options"],
    ];
    for (const [options, field] of cases) {
      const err = await f.waitUntilReady("file-1", options as never).catch((e) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(ValidationError);
      expect(err.field).toBe(field);
    }
    await expect(f.waitUntilReady("../x")).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests.length).toBe(before);
  });

  it("Novita reports no status: one retrieve, and the file is returned as it is", async () => {
    const before = run([undefined]);
    const novita = createFiles({ provider: "novita", apiKey: "sk-wait", baseUrl: server.url, maxRetries: 0 });
    // Novita's files live under /openai/v1/files: the server answers any id path the same way.
    const f = await novita.waitUntilReady("file-1", { intervalMs: 5 }).catch((e) => e);
    expect(f).toMatchObject({ id: "file-1", provider: "novita" });
    expect(f.state).toBeUndefined();
    expect(server.requests.length - before).toBe(1);
  });
});
