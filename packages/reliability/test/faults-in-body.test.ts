// The fault matrix, part 5: MiniMax's errors inside HTTP 200 (base_resp), each documented code
// a typed error, the transient ones retried (with backoff: no Retry-After) to success.
// The machinery and its checks: fault-scenario.ts.
import { describe, expect, it } from "vitest";
import { faultMatrix } from "./fault-scenario.js";
import { CALLS } from "./helpers.js";

const { scenario, allClosedAtTheEnd } = faultMatrix("MiniMax base_resp");

describe("MiniMax base_resp errors inside HTTP 200", () => {
  // From the docs (PROVIDERS.md), not from the code under test.
  const documented: Record<number, string> = {
    1000: "ServerError",
    1001: "TimeoutError",
    1002: "RateLimitError",
    1004: "AuthenticationError",
    1008: "InsufficientBalanceError",
    1013: "ServerError",
    1026: "InvalidRequestError",
    1027: "InvalidRequestError",
    1039: "RateLimitError",
    2013: "InvalidRequestError",
  };
  it("each documented code, on every call, is its typed error", async () => {
    for (const [code, name] of Object.entries(documented)) {
      for (const call of CALLS.minimax) {
        await scenario("minimax", call, { kind: "baseResp", code: Number(code) }, name, { then: (o) => expect(o.error.code).toBe(code) });
      }
    }
  });

  it("a transient code (unknown, timeout, rate limits, internal) once: retried to success; an upload is never stored twice", async () => {
    for (const code of [1000, 1001, 1002, 1013, 1039]) {
      for (const call of CALLS.minimax) {
        await scenario("minimax", call, { kind: "baseResp", code }, call === "upload" ? "any" : "ok", {
          times: 1,
          extra: { maxRetries: 2 },
          then: (o) => {
            if (call === "upload") expect([...o.s.stored.values()].every((n) => n === 1)).toBe(true);
          },
        });
      }
    }
  });
});

allClosedAtTheEnd();
