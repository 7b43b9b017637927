// A provider's error answers as its profile's data describes them (error-format.ts): where the
// message, code and type sit (dotted paths, first present wins), FastAPI's detail lists,
// numbers, the profile's rules by status, code and type, the request id headers, and the
// status object some providers carry inside a 2xx body. The last block sends real answers
// from a loopback server through the request policy, for what no provider's tests reach.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  FilesError,
  InsufficientBalanceError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  RequestPolicy,
  ServerError,
  type ErrorFormat,
  type InBodyErrors,
} from "../src/index.js";
import { classify, inBodyError, readError, requestIdOf } from "../src/error-format.js";
import { acmeProfile } from "./profile.js";

const format: ErrorFormat = {
  message: ["error.message", "detail", "message"],
  code: ["error.code", "error.type", "code"],
  type: ["error.type"],
};

describe("readError: dotted paths, first present value wins", () => {
  it("reads nested paths in the order given", () => {
    expect(readError(format, { error: { message: "bad purpose", code: "invalid_purpose", type: "invalid_request_error" } })).toEqual({
      message: "bad purpose",
      code: "invalid_purpose",
      type: "invalid_request_error",
    });
    // error.message is absent: the next path (detail) answers; error.code is null: error.type does.
    expect(readError(format, { error: { code: null, type: "server_error" }, detail: "later", message: "last" })).toEqual({ message: "later", code: "server_error", type: "server_error" });
    // Only the last path is present.
    expect(readError(format, { message: "plain", code: "E1" })).toEqual({ message: "plain", code: "E1", type: undefined });
  });

  it("skips empty strings, arrays on the way, and values a path cannot reach", () => {
    expect(readError(format, { error: { message: "" }, message: "fallback" }).message).toBe("fallback");
    // "error" is an array: error.message does not reach into it.
    expect(readError(format, { error: [{ message: "in an array" }], message: "top" }).message).toBe("top");
    // "error" is a string: error.message is nothing.
    expect(readError(format, { error: "flat words" })).toEqual({ message: undefined, code: undefined, type: undefined });
    expect(readError({ message: ["a.b.c.d"] }, { a: { b: { c: { d: "deep" } } } }).message).toBe("deep");
  });

  it("a body that is not JSON, or not an object, has no details", () => {
    expect(readError(format, undefined)).toEqual({});
    expect(readError(format, null)).toEqual({});
    expect(readError(format, "Bad Gateway")).toEqual({});
    expect(readError(format, 42)).toEqual({});
  });

  it("the empty path is the body itself (an object, as JSON)", () => {
    expect(readError({ message: [""] }, { reason: "x" }).message).toBe('{"reason":"x"}');
  });

  it("numbers are their digits, for messages and codes alike", () => {
    expect(readError(format, { code: 1004, message: 1004 })).toMatchObject({ code: "1004", message: "1004" });
    expect(readError(format, { error: { code: 0 } }).code).toBe("0");
    expect(readError(format, { error: { code: -2.5 } }).code).toBe("-2.5");
  });

  it("codes and types are words only: an object or a boolean there is passed over", () => {
    expect(readError(format, { error: { code: { nested: 1 }, type: "invalid_request_error" } }).code).toBe("invalid_request_error");
    expect(readError(format, { error: { code: true } }).code).toBeUndefined();
  });

  it("a message that is an object is its JSON, cut to 500 characters", () => {
    expect(readError(format, { message: { why: "quota" } }).message).toBe('{"why":"quota"}');
    const long = readError(format, { message: { text: "x".repeat(2000) } }).message!;
    expect(long).toHaveLength(500);
    expect(long.startsWith('{"text":"xxx')).toBe(true);
  });

  it("FastAPI's detail list is joined as loc: msg", () => {
    const detail = [
      { loc: ["body", "purpose"], msg: "field required", type: "value_error.missing" },
      { loc: ["query", "limit", 0], msg: "ensure this value is less than 100" },
      { msg: "no loc" },
      { loc: ["body", "file"] },
    ];
    expect(readError(format, { detail }).message).toBe("body.purpose: field required; query.limit.0: ensure this value is less than 100; no loc; body.file");
  });

  it("a long detail list keeps its first five entries; one without loc or msg adds nothing", () => {
    const detail = Array.from({ length: 8 }, (_, i) => ({ loc: ["body", `f${i}`], msg: "bad" }));
    expect(readError(format, { detail }).message).toBe("body.f0: bad; body.f1: bad; body.f2: bad; body.f3: bad; body.f4: bad");
    expect(readError(format, { detail: [{}, null, { other: 1 }], message: "after" }).message).toBe("after");
  });
});

describe("classify: the profile's rules, else the HTTP status", () => {
  const rules: ErrorFormat = {
    message: ["error.message"],
    rules: [
      { status: 429, code: /^insufficient_quota$/, error: "InsufficientBalanceError", retryable: false },
      { type: /suspended/, error: "PermissionError", retryable: false },
      { code: /^busy$/, error: "RateLimitError", retryable: true },
      { code: /^busy$/, error: "ServerError", retryable: false },
    ],
  };

  it("a rule for a status applies to that status only", () => {
    expect(classify(rules, 429, { code: "insufficient_quota" })).toEqual({ Class: InsufficientBalanceError, retryable: false });
    // The same code with another status: the status decides.
    expect(classify(rules, 400, { code: "insufficient_quota" })).toEqual({ Class: InvalidRequestError, retryable: false });
    // A plain 429: retried as a rate limit.
    expect(classify(rules, 429, { code: "rate_limit_exceeded" })).toEqual({ Class: RateLimitError, retryable: true });
  });

  it("a rule without a status matches the code or the type, whatever the status; the first match wins", () => {
    expect(classify(rules, 403, { type: "account_suspended" }).Class.name).toBe("PermissionError");
    expect(classify(rules, 500, { type: "account_suspended" })).toMatchObject({ retryable: false });
    expect(classify(rules, 400, { code: "busy" })).toEqual({ Class: RateLimitError, retryable: true });
    // The type is not matched against a code rule, nor the code against a type rule.
    expect(classify(rules, 400, { type: "busy" })).toEqual({ Class: InvalidRequestError, retryable: false });
    expect(classify(rules, 400, { code: "suspended" })).toEqual({ Class: InvalidRequestError, retryable: false });
  });

  it("without rules, the status: 401, 404, 5xx and the rest", () => {
    expect(classify(format, 401, {})).toEqual({ Class: AuthenticationError, retryable: false });
    expect(classify(format, 404, { code: "insufficient_quota" })).toEqual({ Class: NotFoundError, retryable: false });
    expect(classify(format, 503, {})).toEqual({ Class: ServerError, retryable: true });
  });
});

describe("requestIdOf", () => {
  it("reads x-request-id, then request-id, by default", () => {
    expect(requestIdOf(format, new Headers({ "request-id": "r2", "x-request-id": "r1" }))).toBe("r1");
    expect(requestIdOf(format, new Headers({ "request-id": "r2" }))).toBe("r2");
    expect(requestIdOf(format, new Headers({ "trace-x": "t" }))).toBeUndefined();
  });

  it("a profile's own headers replace the defaults, tried in order", () => {
    const own: ErrorFormat = { ...format, requestIdHeaders: ["x-trace", "x-correlation-id"] };
    expect(requestIdOf(own, new Headers({ "x-correlation-id": "c", "x-trace": "t" }))).toBe("t");
    expect(requestIdOf(own, new Headers({ "x-correlation-id": "c" }))).toBe("c");
    expect(requestIdOf(own, new Headers({ "x-request-id": "r1" }))).toBeUndefined();
  });
});

describe("inBodyError: a status object in a 2xx body", () => {
  const spec: InBodyErrors = {
    at: "outcome",
    code: "code",
    message: "text",
    ok: [0],
    codes: {
      1002: { error: "RateLimitError", retryable: true, meaning: "too many requests" },
      1004: { error: "AuthenticationError", retryable: false, meaning: "bad key" },
    },
  };

  it("a success code, or no status at all, is no error", () => {
    expect(inBodyError(spec, { outcome: { code: 0, text: "success" }, data: [] })).toBeUndefined();
    expect(inBodyError(spec, { data: [] })).toBeUndefined();
    expect(inBodyError(spec, { outcome: { text: "no code" } })).toBeUndefined();
    expect(inBodyError(spec, { outcome: { code: null } })).toBeUndefined();
    expect(inBodyError(spec, { outcome: "0" })).toBeUndefined();
    expect(inBodyError(spec, { outcome: [1002] })).toBeUndefined();
  });

  it("a documented code is its class, with the provider's words or the code's meaning", () => {
    expect(inBodyError(spec, { outcome: { code: 1002, text: "rpm limit" } })).toEqual({ Class: RateLimitError, retryable: true, message: "rpm limit", code: "1002" });
    expect(inBodyError(spec, { outcome: { code: 1004 } })).toEqual({ Class: AuthenticationError, retryable: false, message: "bad key", code: "1004" });
    expect(inBodyError(spec, { outcome: { code: 1004, text: "" } })!.message).toBe("bad key");
    // A code given as a string finds its entry too.
    expect(inBodyError(spec, { outcome: { code: "1002" } })).toMatchObject({ Class: RateLimitError, code: "1002" });
  });

  it("an unknown code is a plain FilesError, never retried", () => {
    const err = inBodyError(spec, { outcome: { code: 2999, text: "something new" } })!;
    expect(err).toEqual({ Class: FilesError, retryable: false, message: "something new", code: "2999" });
    expect(inBodyError(spec, { outcome: { code: "E_NEW" } })).toEqual({ Class: FilesError, retryable: false, message: "error", code: "E_NEW" });
  });

  it("'ok' codes match whether the profile or the body writes them as strings", () => {
    const okAsText: InBodyErrors = { ...spec, ok: ["0", "success"] };
    expect(inBodyError(okAsText, { outcome: { code: 0 } })).toBeUndefined();
    expect(inBodyError(okAsText, { outcome: { code: "0" } })).toBeUndefined();
    expect(inBodyError(okAsText, { outcome: { code: "success" } })).toBeUndefined();
    expect(inBodyError(spec, { outcome: { code: "0" } })).toBeUndefined();
    expect(inBodyError(okAsText, { outcome: { code: 1 } })).toMatchObject({ Class: FilesError, code: "1" });
  });

  it("the status object may sit at a dotted path", () => {
    const nested: InBodyErrors = { ...spec, at: "meta.outcome" };
    expect(inBodyError(nested, { meta: { outcome: { code: 1004 } } })).toMatchObject({ Class: AuthenticationError });
    expect(inBodyError(nested, { outcome: { code: 1004 } })).toBeUndefined();
  });
});

describe("through the wire: a loopback server's answers, read by the profile", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  const get = (t: RequestPolicy) => t.send({ url: `${t.baseUrl}/v1/files`, method: "GET", headers: new Headers(), idempotent: true, expect: "json" }).then(() => undefined, (e) => e);

  it("the profile's request id header wins over the usual ones (no provider's profile names one yet)", async () => {
    const profile = acmeProfile({ errors: { message: ["error.message"], code: ["error.code"], requestIdHeaders: ["x-trace"] } });
    server = await startServer((_q, res) => json(res, 404, { error: { message: "no such file", code: "missing" } }, { "x-trace": "tr-1", "x-request-id": "not-this" }));
    const err = await get(new RequestPolicy(profile, { apiKey: "k", baseUrl: server.url }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 404, message: "acme: no such file", code: "missing", requestId: "tr-1", retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("an unknown in-body code in a 200 is a FilesError, not retried, with the status object's request id header", async () => {
    const profile = acmeProfile({ inBodyErrors: { at: "outcome", code: "code", message: "text", ok: [0], codes: {}, requestIdHeader: "x-trace" } });
    server = await startServer((_q, res) => json(res, 200, { outcome: { code: 77, text: "new failure" } }, { "x-trace": "tr-9" }));
    const err = await get(new RequestPolicy(profile, { apiKey: "k", baseUrl: server.url }));
    expect(err).toBeInstanceOf(FilesError);
    expect(err.constructor).toBe(FilesError);
    expect(err).toMatchObject({ status: 200, code: "77", message: "acme: new failure (code 77)", requestId: "tr-9", retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});
