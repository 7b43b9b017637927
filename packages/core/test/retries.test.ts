// Retries, timeouts and abort, against a real loopback server.
import { json, startServer, tempFile, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, RateLimitError, RequestPolicy, ServerError, TimeoutError } from "../src/index.js";
import { backoffMs, parseRetryAfter } from "../src/retry.js";
import { prepareFile } from "../src/files.js";
import { freePort } from "@llm-files/testing";
import { acme, acmeProfile } from "./profile.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const get = (t: RequestPolicy, opts = {}) => t.send({ url: `${t.baseUrl}/x`, method: "GET", headers: new Headers(), idempotent: true, expect: "json" }, opts);
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e) => e);

describe("retries", () => {
  it("retries 503 then succeeds", async () => {
    server = await startServer((_q, res, i) => (i < 2 ? json(res, 503, { message: "busy" }, { "retry-after": "0" }) : json(res, 200, { ok: true })));
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
    expect(await (await get(t)).json).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  for (const status of [408, 409, 429, 500, 502, 504]) {
    it(`retries ${status}`, async () => {
      server = await startServer((_q, res, i) => (i === 0 ? json(res, status, {}, { "retry-after": "0" }) : json(res, 200, {})));
      await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url }));
      expect(server.requests).toHaveLength(2);
    });
  }

  it("does not retry 400/401/404", async () => {
    for (const status of [400, 401, 404]) {
      server = await startServer((_q, res) => json(res, status, { message: "no" }));
      await failure(get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url })));
      expect(server.requests).toHaveLength(1);
      await server.stop();
    }
    server = undefined;
  });

  it("respects maxRetries per client and per call", async () => {
    server = await startServer((_q, res) => json(res, 503, {}, { "retry-after": "0" }));
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, maxRetries: 1 });
    expect(await failure(get(t))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(2);
    await failure(get(t, { maxRetries: 3 }));
    expect(server.requests).toHaveLength(6);
    await failure(get(t, { maxRetries: 0 }));
    expect(server.requests).toHaveLength(7);
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    server = await startServer((_q, res, i) => {
      if (i === 0) return json(res, 429, {}, { "retry-after": "1" });
      if (i === 1) return json(res, 429, {}, { "retry-after": new Date(Date.now() + 1500).toUTCString() });
      json(res, 200, {});
    });
    const started = Date.now();
    await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, maxRetries: 2 }));
    // 1 s, then a date ~1.5 s ahead (HTTP dates have 1 s resolution): at least ~1.5 s in all.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(server.requests).toHaveLength(3);
  });

  it("gives up at once when Retry-After asks for more than a minute", async () => {
    server = await startServer((_q, res) => json(res, 429, { message: "slow down" }, { "retry-after": "3600" }));
    const err = await failure(get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url })));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a connection reset on GET", async () => {
    server = await startServer((req, res, i) => {
      if (i === 0) req.socket.destroy();
      else json(res, 200, { ok: 1 });
    });
    expect((await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url }))).json).toEqual({ ok: 1 });
  });

  it("backoff grows, is jittered and capped; Retry-After parses both forms", () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(10, () => 0)).toBe(8000);
    expect(backoffMs(0, () => 1)).toBe(375);
    expect(parseRetryAfter(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(parseRetryAfter(new Headers({ "retry-after": new Date(10_000).toUTCString() }), 4_000)).toBe(6000);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }))).toBeUndefined();
  });
});

describe("uploads", () => {
  it("are not retried after a 500 (the file may have been stored)", async () => {
    server = await startServer((_q, res) => json(res, 500, {}));
    const f = await tempFile("abc", "a.txt");
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
    await failure(t.upload(`${t.baseUrl}/up`, { purpose: "p" }, "file", await prepareFile(f.path, { provider: "acme" })));
    expect(server.requests).toHaveLength(1);
    await f.cleanup();
  });

  it("are retried on 429 and send the same bytes again", async () => {
    server = await startServer((_q, res, i) => (i === 0 ? json(res, 429, {}, { "retry-after": "0" }) : json(res, 200, { id: "f" })));
    const f = await tempFile("abcdef", "a.txt");
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
    await t.upload(`${t.baseUrl}/up`, { purpose: "p" }, "file", await prepareFile(f.path, { provider: "acme" }));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.bytes).toBe(server.requests[1]!.bytes);
    await f.cleanup();
  });

  it("are retried when the connection was refused (provably never sent)", async () => {
    const port = await freePort();
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 });
    const f = await tempFile("abc", "a.txt");
    const started = Date.now();
    const err = await failure(t.upload(`${t.baseUrl}/up`, {}, "file", await prepareFile(f.path, { provider: "acme" })));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // one backoff happened
    await f.cleanup();
  });

  it("from a ReadableStream are never retried (it can be read once)", async () => {
    server = await startServer((_q, res) => json(res, 429, {}, { "retry-after": "0" }));
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
    const file = await prepareFile(new Blob(["abc"]).stream(), { provider: "acme", filename: "a.txt" });
    expect(await failure(t.upload(`${t.baseUrl}/up`, {}, "file", file))).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("timeouts", () => {
  // The server never answers, so a call ends only by its timeout. The bounds below are far
  // from the timeouts under test (150 ms) and far below what would fire otherwise (the
  // client's 120 s, the default 60 s): they tell which timeout fired, whatever the load.
  it("a hung server becomes a TimeoutError, per client and per call", async () => {
    server = await startServer(() => {}); // never answers
    let started = Date.now();
    const perClient = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, timeoutMs: 150, maxRetries: 0 });
    expect(await failure(get(perClient))).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(30_000);
    started = Date.now();
    const slow = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, timeoutMs: 120_000, maxRetries: 0 });
    expect(await failure(get(slow, { timeoutMs: 150 }))).toMatchObject({ name: "TimeoutError", retryable: true });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("timeouts are retried like other transient failures", async () => {
    // The second attempt is answered at once; its 2 s are for a busy machine, not the server.
    server = await startServer((_q, res, i) => (i === 0 ? undefined : json(res, 200, {})));
    await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, timeoutMs: 2_000, maxRetries: 1 }));
    expect(server.requests).toHaveLength(2);
  });
});

describe("abort", () => {
  // Aborted once the server holds the request (an event, not a guess at how long sending
  // takes). Without abort the call would wait for its 120 s timeout; the bound is far from it.
  it("cancels a request in flight at once, with the signal's reason", async () => {
    const ac = new AbortController();
    server = await startServer(() => ac.abort(new Error("user cancelled"))); // never answers
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, timeoutMs: 120_000 });
    const started = Date.now();
    expect(await failure(get(t, { signal: ac.signal }))).toMatchObject({ message: "user cancelled" });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(server.requests).toHaveLength(1);
  });

  it("cancels a backoff sleep, and no further request is made", async () => {
    // The server asks for a 60 s pause; abort comes a little after the 503 went out (should
    // the client not be asleep yet, abort still has to end the call: either way it must end).
    const ac = new AbortController();
    server = await startServer((_q, res) => {
      json(res, 503, {}, { "retry-after": "60" });
      res.once("finish", () => setTimeout(() => ac.abort(), 250));
    });
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
    const started = Date.now();
    const err = await failure(get(t, { signal: ac.signal }));
    expect((err as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(server.requests).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    server = await startServer((_q, res) => json(res, 200, {}));
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
    await failure(get(t, { signal: AbortSignal.abort() }));
    expect(server.requests).toHaveLength(0);
  });
});

describe("uploads refused by a provider's own rate-limit code", () => {
  it("are retried like a 429 (the file was not processed)", async () => {
    // A status object in every 2xx body ({ outcome: { code, text } }): code 0 is success, 1002 a rate limit.
    const withStatus = acmeProfile({
      inBodyErrors: { at: "outcome", code: "code", message: "text", ok: [0], codes: { 1002: { error: "RateLimitError", retryable: true, meaning: "rpm" } } },
    });
    server = await startServer((_q, res, i) => json(res, 200, i === 0 ? { outcome: { code: 1002 } } : { file: { file_id: 1 }, outcome: { code: 0 } }));
    const f = await tempFile("abc", "a.txt");
    const t = new RequestPolicy(withStatus, { apiKey: "k", baseUrl: server.url });
    const res = await t.upload(`${t.baseUrl}/up`, {}, "file", await prepareFile(f.path, { provider: "acme" }));
    expect(res.json).toMatchObject({ file: { file_id: 1 } });
    expect(server.requests).toHaveLength(2);
    await f.cleanup();
  });
});
