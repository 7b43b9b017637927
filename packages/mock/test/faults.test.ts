// Faults a user scripts for their own retry tests: the next N requests (of an operation, a
// method, a path) fail with a status and Retry-After, wait, hang, or lose their connection
// before or after the mock applied them. Each is answered as the provider answers errors.
import { afterEach, expect, it } from "vitest";
import { createFiles, FilesError, RateLimitError, TimeoutError } from "@llm-files/unified";
import { startMock, type MockServer } from "../src/index.js";

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});
const text = (s: string) => new TextEncoder().encode(s);

it("the next N requests fail with a status, Retry-After and the provider's error body; skip, times and matching choose which", async () => {
  mock = await startMock("moonshot");
  const auth = { authorization: "Bearer k" };
  const fault = mock.fault({ operation: "list", status: 429, retryAfter: 7, skip: 1, times: 2 });
  expect((await fetch(`${mock.url}/v1/files`, { headers: auth })).status).toBe(200);
  const res = await fetch(`${mock.url}/v1/files`, { headers: auth });
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBe("7");
  // Moonshot documents { error: { message, type, code } }.
  expect(await res.json()).toEqual({ error: { message: "a fault scripted for this test: 429", type: "rate_limit_error", code: "rate_limit_error" } });
  expect(fault).toMatchObject({ hits: 1, remaining: 1 });
  // Another operation is not matched; the fault's second hit uses it up.
  expect((await fetch(`${mock.url}/v1/files/${mock.files()[0]!.id}`, { headers: auth })).status).toBe(200);
  expect((await fetch(`${mock.url}/v1/files`, { headers: auth })).status).toBe(429);
  expect((await fetch(`${mock.url}/v1/files`, { headers: auth })).status).toBe(200);
  expect(mock.faults()).toEqual([]);
  // By method and path (a RegExp), with a message, code and type of the test's choosing.
  mock.fault({ method: "delete", path: /^\/v1\/files\//, status: 403, message: "not yours", type: "permission_denied_error", times: Infinity });
  const denied = await fetch(`${mock.url}/v1/files/x`, { method: "DELETE", headers: auth });
  expect(await denied.json()).toEqual({ error: { message: "not yours", type: "permission_denied_error", code: "permission_denied_error" } });
  expect((await fetch(`${mock.url}/v1/files/y`, { method: "DELETE", headers: auth })).status).toBe(403);
  mock.clearFaults();
  expect((await fetch(`${mock.url}/v1/files/y`, { method: "DELETE", headers: auth })).status).toBe(404);
  expect(mock.requests.map((r) => [r.operation, r.status, r.fault?.status])).toEqual([
    ["list", 200, undefined],
    ["list", 429, 429],
    ["retrieve", 200, undefined],
    ["list", 429, 429],
    ["list", 200, undefined],
    ["delete", 403, 403],
    ["delete", 403, 403],
    ["delete", 404, undefined],
  ]);
});

it("a retry policy meets the faults: a 503 retried after Retry-After; MiniMax's rate limit comes inside a 200 as its base_resp code", async () => {
  mock = await startMock("openai", { seed: false });
  const files = createFiles({ provider: "openai", apiKey: "k", baseUrl: mock.url, maxRetries: 2 });
  mock.fault({ operation: "list", status: 503, headers: { "retry-after-ms": "20" }, times: 2 });
  expect(await files.list()).toEqual([]);
  expect(mock.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  await mock.stop();
  mock = await startMock("minimax", { seed: false });
  mock.fault({ operation: "list", status: 429 });
  const res = await fetch(`${mock.url}/v1/files/list?purpose=voice_clone`, { headers: { authorization: "Bearer k" } });
  expect([res.status, await res.json()]).toEqual([200, { base_resp: { status_code: 1002, status_msg: "a fault scripted for this test: 429" } }]);
  mock.fault({ operation: "list", status: 429 });
  const minimax = createFiles({ provider: "minimax", apiKey: "k", baseUrl: mock.url, maxRetries: 0 });
  await expect(minimax.list({ purpose: "voice_clone" })).rejects.toBeInstanceOf(RateLimitError);
});

it("latency, a hang, and a connection dropped before or after the upload was stored", async () => {
  mock = await startMock("openai", { seed: false, latencyMs: 50 });
  const files = createFiles({ provider: "openai", apiKey: "k", baseUrl: mock.url, maxRetries: 0, timeoutMs: 500 });
  let t = performance.now();
  await files.list();
  expect(performance.now() - t).toBeGreaterThanOrEqual(45);
  mock.fault({ operation: "list", delayMs: 150 });
  t = performance.now();
  await files.list();
  expect(performance.now() - t).toBeGreaterThanOrEqual(190);
  // Never answered: the client's own deadline ends it; the mock records no answer.
  mock.fault({ operation: "list", hang: true });
  await expect(files.list()).rejects.toBeInstanceOf(TimeoutError);
  await expect.poll(() => mock!.requests.at(-1)?.status).toBe(0);
  // Dropped after the body was read: before the mock stored it, or after.
  mock.fault({ operation: "upload", drop: "before-store" });
  await expect(files.upload({ file: text("a"), filename: "a.jsonl", purpose: "batch" })).rejects.toBeInstanceOf(FilesError);
  expect(mock.files()).toEqual([]);
  mock.fault({ operation: "upload", drop: "after-store" });
  await expect(files.upload({ file: text("b"), filename: "b.jsonl", purpose: "batch" })).rejects.toBeInstanceOf(FilesError);
  expect(mock.files().map((f) => f.fields.filename)).toEqual(["b.jsonl"]);
  // Each upload was sent once: an upload is not retried blind.
  expect(mock.requests.filter((r) => r.operation === "upload").map((r) => [r.status, r.fault?.drop, r.parts?.[0]?.bytes])).toEqual([
    [0, "before-store", 1],
    [0, "after-store", 1],
  ]);
});
