// Every provider envelope mapped onto the one error model, from a real loopback server.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createFiles,
  FilesError,
  InsufficientBalanceError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ProviderName,
} from "../src/index.js";

let server: TestServer;
let reply: (res: import("node:http").ServerResponse) => void = () => {};
beforeAll(async () => {
  server = await startServer((_req, res) => reply(res));
});
afterAll(() => server.stop());

const files = (provider: ProviderName) => createFiles({ provider, apiKey: "sk-err-test", baseUrl: server.url, maxRetries: 0 } as any);
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e) => e);

describe("Moonshot: HTTP status + { error: { message, type, code } }", () => {
  const cases: [number, string, Function, boolean][] = [
    [400, "invalid_request_error", InvalidRequestError, false],
    [401, "invalid_authentication_error", AuthenticationError, false],
    [403, "permission_denied_error", PermissionError, false],
    [404, "resource_not_found_error", NotFoundError, false],
    [429, "rate_limit_reached_error", RateLimitError, true],
    [429, "exceeded_current_quota_error", InsufficientBalanceError, false],
    [500, "server_error", ServerError, true],
  ];
  for (const [status, type, Class, retryable] of cases) {
    it(`${status} ${type} -> ${Class.name}`, async () => {
      reply = (res) => json(res, status, { error: { message: `boom ${type}`, type } }, { "x-request-id": "req-42" });
      const err = await failure(files("moonshot").retrieve("file-1"));
      expect(err).toBeInstanceOf(Class);
      expect(err).toBeInstanceOf(FilesError);
      expect(FilesError.isInstance(err)).toBe(true);
      expect(err).toMatchObject({ provider: "moonshot", status, code: type, retryable, requestId: "req-42", message: `moonshot: boom ${type}` });
    });
  }
  it("keeps an explicit error code", async () => {
    reply = (res) => json(res, 400, { error: { message: "File size is zero", type: "invalid_request_error", code: "file_empty" } });
    expect(await failure(files("moonshot").list())).toMatchObject({ code: "file_empty", message: "moonshot: File size is zero" });
  });
});

describe("Novita: { code, message } and non-JSON pages", () => {
  it("{ code, reason, message } 404 -> NotFoundError", async () => {
    reply = (res) => json(res, 404, { code: 404, reason: "FILE_NOT_FOUND", message: "file not found" });
    const err = await failure(files("novita").retrieve("file_x"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ provider: "novita", status: 404, code: "FILE_NOT_FOUND", message: "novita: file not found" });
  });
  it("{ code, message } 429 -> RateLimitError, retryable", async () => {
    reply = (res) => json(res, 429, { code: 429, message: "too many requests" });
    expect(await failure(files("novita").list())).toMatchObject({ name: "RateLimitError", retryable: true, code: "429" });
  });
  it("an HTML 502 page -> ServerError that keeps the text", async () => {
    reply = (res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>");
    };
    const err = await failure(files("novita").list());
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 502, retryable: true });
    expect((err as Error).message).toMatch(/502 Bad Gateway/);
    expect((err as FilesError).body).toContain("<h1>502 Bad Gateway</h1>");
  });
  it("a 403 with an empty body -> PermissionError", async () => {
    reply = (res) => {
      res.writeHead(403);
      res.end();
    };
    expect(await failure(files("novita").delete("file_x"))).toMatchObject({ name: "PermissionError", status: 403 });
  });
});

describe("MiniMax: base_resp.status_code != 0 inside HTTP 200", () => {
  const cases: [number, Function, boolean][] = [
    [1000, ServerError, true],
    [1001, TimeoutError, true],
    [1002, RateLimitError, true],
    [1004, AuthenticationError, false],
    [1008, InsufficientBalanceError, false],
    [1013, ServerError, true],
    [1026, InvalidRequestError, false],
    [1027, InvalidRequestError, false],
    [1039, RateLimitError, true],
    [2013, InvalidRequestError, false],
  ];
  for (const [code, Class, retryable] of cases) {
    it(`${code} -> ${Class.name}`, async () => {
      reply = (res) => json(res, 200, { files: null, base_resp: { status_code: code, status_msg: `msg ${code}` } }, { "trace-id": "t-1" });
      const err = await failure(files("minimax").list({ purpose: "voice_clone" }));
      expect(err).toBeInstanceOf(Class);
      expect(err).toMatchObject({ provider: "minimax", status: 200, code: String(code), retryable, requestId: "t-1", message: `minimax: msg ${code} (code ${code})` });
    });
  }
  it("a gateway's non-200 without base_resp -> typed by status", async () => {
    reply = (res) => json(res, 503, { message: "upstream unavailable" });
    expect(await failure(files("minimax").retrieve("123"))).toMatchObject({ name: "ServerError", status: 503, message: "minimax: upstream unavailable" });
  });
  it("a gateway's 401 -> AuthenticationError", async () => {
    reply = (res) => json(res, 401, { base_resp: { status_code: 1004, status_msg: "login fail" } });
    expect(await failure(files("minimax").retrieve("123"))).toMatchObject({ name: "AuthenticationError", status: 401, code: "1004" });
  });
});

describe("matching errors", () => {
  it("isInstance recognises an error from another copy of the package by its marker", () => {
    const foreign = Object.assign(new Error("x"), { [Symbol.for("llm-files.error")]: true, provider: "moonshot" });
    expect(FilesError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof FilesError).toBe(true);
    expect(FilesError.isInstance(new Error("plain"))).toBe(false);
    expect(new NotFoundError({ provider: "p", message: "m" }) instanceof RateLimitError).toBe(false);
  });
});
