// The fault matrix, part 5: errors inside HTTP 200 (a provider's in-body status object, where
// its profile has `inBodyErrors`), each documented code a typed error, the transient ones
// retried (with backoff: no Retry-After) to success. The machinery and its checks:
// fault-scenario.ts.
import { describe, expect, it } from "vitest";
import { PROVIDERS, profileOf, type ProviderName } from "../src/bodies.js";
import { faultMatrix } from "./fault-scenario.js";
import { CALLS } from "./helpers.js";

const { scenario, allClosedAtTheEnd } = faultMatrix("in-body status");

/**
 * What each code means, from the provider's docs (PROVIDERS.md), not from the code under test.
 * A documented quirk of one provider: MiniMax answers its errors in HTTP 200 as `base_resp`.
 * A provider whose profile gets in-body errors must get its documented codes here (checked below).
 */
const DOCUMENTED: Partial<Record<ProviderName, Record<number, string>>> = {
  minimax: {
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
  },
};
/** The errors a retry may cure: unknown, timeout, rate limits, internal. */
const TRANSIENT = new Set(["ServerError", "TimeoutError", "RateLimitError"]);
const IN_BODY = PROVIDERS.filter((p) => profileOf(p).inBodyErrors);

it("every provider whose profile has errors inside 2xx answers has its documented codes in this table", () => {
  expect(IN_BODY.filter((p) => !DOCUMENTED[p])).toEqual([]);
});

for (const p of IN_BODY) {
  describe(`${p}: errors inside HTTP 200`, () => {
    const documented = DOCUMENTED[p] ?? {};
    it("each documented code, on every call, is its typed error", async () => {
      for (const [code, name] of Object.entries(documented)) {
        for (const call of CALLS[p]) {
          await scenario(p, call, { kind: "baseResp", code: Number(code) }, name, { then: (o) => expect(o.error.code).toBe(code) });
        }
      }
    });

    it("a transient code once: retried to success; an upload is never stored twice", async () => {
      const transient = Object.entries(documented).filter(([, name]) => TRANSIENT.has(name)).map(([code]) => Number(code));
      expect(transient.length).toBeGreaterThan(0);
      for (const code of transient) {
        for (const call of CALLS[p]) {
          await scenario(p, call, { kind: "baseResp", code }, call === "upload" ? "any" : "ok", {
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
}

allClosedAtTheEnd();
