// The fault matrix, part 4: 429 and 503 with Retry-After (seconds and HTTP dates), 500s, an
// exhausted quota posing as a 429, and redirects (the key never sent to another origin).
// The machinery and its checks: fault-scenario.ts.
import { describe, expect, it } from "vitest";
import { PROVIDERS, authOf, type ProviderName } from "../src/bodies.js";
import { faultMatrix } from "./fault-scenario.js";
import { CALLS, KEY, resumable, uploadRequests } from "./helpers.js";

const { servers, others, scenario, allClosedAtTheEnd } = faultMatrix("retries and redirects");

describe("rate limits and unavailability", () => {
  it("429 with Retry-After in seconds and as an HTTP date, then success: retried, uploads included", async () => {
    const past = new Date(Date.now() - 5_000).toUTCString();
    for (const p of PROVIDERS) {
      for (const call of CALLS[p]) {
        for (const value of ["0", past]) {
          await scenario(p, call, { kind: "status", status: 429, headers: { "retry-after": value } }, "ok", {
            times: 1,
            extra: { maxRetries: 2 },
            then: (o) => {
              if (call === "upload") expect([...o.s.stored.values()].every((n) => n === 1)).toBe(true);
            },
          });
        }
      }
    }
  });

  it("Retry-After is honoured: 1 s in seconds, and 2 s ahead as a date", async () => {
    for (const p of PROVIDERS) {
      await scenario(p, "retrieve", { kind: "status", status: 429, headers: { "retry-after": "1" } }, "ok", {
        times: 1,
        extra: { maxRetries: 1 },
        then: (o) => expect(o.ms).toBeGreaterThanOrEqual(950),
      });
    }
    // An HTTP date has whole seconds: 2 s ahead waits between 1 and 2 s.
    await scenario(PROVIDERS[0]!, "list", { kind: "status", status: 429, headers: { "retry-after": new Date(Date.now() + 2_000).toUTCString() } }, "ok", {
      times: 1,
      extra: { maxRetries: 1 },
      then: (o) => expect(o.ms).toBeGreaterThanOrEqual(900),
    });
  });

  it("429 with retries exhausted, or asking for more than 60 s: a RateLimitError carrying retryAfterMs, at once", async () => {
    for (const p of PROVIDERS) {
      await scenario(p, "list", { kind: "status", status: 429, headers: { "retry-after": "7" } }, "RateLimitError", {
        then: (o) => {
          expect(o.error.retryAfterMs).toBe(7_000);
          expect(o.error.retryable).toBe(true);
        },
      });
      await scenario(p, "retrieve", { kind: "status", status: 429, headers: { "retry-after": "120" } }, "RateLimitError", {
        extra: { maxRetries: 2 },
        then: (o) => expect(o.requests).toBe(1),
      });
    }
  });

  it("503 twice then success: retried to success on every call, an upload stored once", async () => {
    for (const p of PROVIDERS) {
      for (const call of CALLS[p]) {
        await scenario(p, call, { kind: "status", status: 503, headers: { "retry-after": "0" } }, "ok", {
          times: 2,
          extra: { maxRetries: 2 },
          then: (o) => {
            if (call === "upload") {
              // Two refused, then the upload's own requests (a resumable one: its start, then its one chunk).
              expect(o.requests).toBe(2 + uploadRequests(p));
              expect([...o.s.stored.values()].every((n) => n === 1)).toBe(true);
            }
          },
        });
      }
    }
  });

  it("500 once: reads and deletes are retried to success, an upload is never sent twice", async () => {
    for (const p of PROVIDERS) {
      // A resumable upload's 500 falls on its start, which carries no byte of the file: a start
      // repeated is another session, never a second file, so it is retried and the file stored once.
      const sessions = resumable(p);
      for (const call of CALLS[p]) {
        await scenario(p, call, { kind: "status", status: 500, headers: { "retry-after": "0" } }, call === "upload" && !sessions ? "ServerError" : "ok", {
          times: 1,
          extra: { maxRetries: 2 },
          then: (o) => {
            if (call === "upload" && !sessions) expect(o.requests).toBe(1);
            if (call === "upload" && sessions) {
              expect(o.requests).toBe(1 + uploadRequests(p));
              expect([...o.s.stored.values()]).toEqual([1]);
            }
          },
        });
      }
    }
  });

  it("a resumable upload whose chunk meets a 500 asks what arrived and goes on: the file stored once, never restarted", async () => {
    const resumables = PROVIDERS.filter(resumable);
    expect(resumables.length).toBeGreaterThan(0);
    for (const p of resumables) {
      // The start goes through, the finalizing chunk fails once (unapplied); a query says nothing arrived, and the chunk goes again.
      await scenario(p, "upload", { kind: "status", status: 500, headers: { "retry-after": "0" } }, "ok", {
        skip: 1,
        times: 1,
        extra: { maxRetries: 2 },
        then: (o) => {
          expect(o.s.requests.slice(-o.requests).map((r) => r.headers["x-goog-upload-command"])).toEqual(["start", "upload, finalize", "query", "upload, finalize"]);
          expect([...o.s.stored.values()]).toEqual([1]);
        },
      });
    }
  });
});

describe("an exhausted quota posing as a 429", () => {
  // As each provider documents it: retrying cannot help, so one request and a typed error.
  // Rows about these two providers' documented quirk (their profiles' error rules read it).
  const quota: [ProviderName, unknown][] = [
    ["openai", { error: { message: "You exceeded your current quota", type: "insufficient_quota", param: null, code: "insufficient_quota" } }],
    ["moonshot", { error: { message: "Your account is suspended", type: "exceeded_current_quota_error" } }],
  ];
  for (const [p, body] of quota) {
    it(`${p}: InsufficientBalanceError on every call, sent once with retries allowed; a plain 429 is retried`, async () => {
      for (const call of CALLS[p]) {
        await scenario(p, call, { kind: "status", status: 429, body, headers: { "retry-after": "0" } }, "InsufficientBalanceError", { extra: { maxRetries: 2 }, then: (o) => expect(o.requests, `${p} ${call}`).toBe(1) });
        await scenario(p, call, { kind: "status", status: 429, headers: { "retry-after": "0" } }, "RateLimitError", { extra: { maxRetries: 2 }, then: (o) => expect(o.requests, `${p} ${call}`).toBe(3) });
      }
    });
  }
});

describe("redirects", () => {
  it("a 307 to another origin: followed, and the other origin never receives the key header (the profile's)", async () => {
    for (const p of PROVIDERS) {
      for (const call of CALLS[p]) {
        const other = others[p];
        const before = other.requests.length;
        await scenario(p, call, { kind: "redirect", status: 307, to: other.url }, "ok", { times: Infinity });
        const reached = other.requests.slice(before);
        expect(reached.length, `${p} ${call}: requests that reached the other origin`).toBeGreaterThan(0);
        for (const r of reached) {
          expect(r.headers[authOf(p).header], `${p} ${call}`).toBeUndefined();
          expect(JSON.stringify(r.headers)).not.toContain(KEY);
        }
      }
    }
  });

  it("301, 302, 303 and 308 to another origin: no key header either", async () => {
    for (const p of PROVIDERS) {
      for (const status of [301, 302, 303, 308] as const) {
        const before = others[p].requests.length;
        await scenario(p, "retrieve", { kind: "redirect", status, to: others[p].url }, "ok");
        expect(others[p].requests.slice(before).map((r) => r.headers[authOf(p).header])).toEqual([undefined]);
      }
    }
  });

  it("a redirect within the same origin keeps the header (so the checks above can see one)", async () => {
    for (const p of PROVIDERS) {
      const s = servers[p];
      const before = s.requests.length;
      await scenario(p, "retrieve", { kind: "redirect", status: 307, to: s.url }, "ok", { times: 1 });
      expect(s.requests.slice(before).map((r) => r.headers[authOf(p).header])).toEqual([`${authOf(p).prefix}${KEY}`, `${authOf(p).prefix}${KEY}`]);
    }
  });

  it("a redirect loop ends after 5 hops with a ConnectionError", async () => {
    for (const p of PROVIDERS) {
      await scenario(p, "retrieve", { kind: "redirect", status: 302, to: servers[p].url }, "ConnectionError", { then: (o) => expect(o.requests).toBe(6) });
    }
  });
});

allClosedAtTheEnd();
