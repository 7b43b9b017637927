// The fault matrix, part 1: answers that arrive whole but wrong (an HTML 502, truncated or
// empty JSON, a wrong envelope, a reset, bodies past the JSON cap, a large honest list, a
// refused delete, a server echoing the key, a 2xx HTML page), on every call of every provider.
// The machinery and its checks: fault-scenario.ts.
import { describe, expect, it } from "vitest";
import { ANSWERS, PROVIDERS, profileOf, type ProviderName } from "../src/bodies.js";
import { afterUpload, faultMatrix, jsonCalls, type Row } from "./fault-scenario.js";
import { CALLS } from "./helpers.js";

const { scenario, table, allClosedAtTheEnd } = faultMatrix("answers");
const answersNothing = (p: ProviderName) => {
  const result = profileOf(p).operations.delete?.result;
  return result !== undefined && result.id === undefined && result.deleted === undefined;
};

describe("faults answered by the server", () => {
  const rows: Row[] = [
    // A gateway's 502 after an upload's whole body: the provider may have stored the file.
    ["an HTML 502 page", { kind: "html502" }, afterUpload("ServerError")],
    // A download is bytes, whatever its Content-Type (issue 12, class 6): never parsed.
    ["truncated JSON", { kind: "truncatedJson" }, (_p, c) => (c === "content" ? "ok" : "ServerError")],
    ["an empty 200 body declared as JSON", { kind: "empty200" }, (_p, c) => (c === "content" ? "ok" : "ServerError")],
    // Content is opaque: any body is the file's content. A delete whose answer the profile says
    // carries nothing (its result names no field: google.protobuf.Empty) has nothing to be wrong in.
    ["a body in the wrong envelope", { kind: "wrongEnvelope" }, (p, c) => (c === "content" || (c === "delete" && answersNothing(p)) ? "ok" : "ServerError")],
    // Mid-body of the answer: an upload's answer cut off after its whole body was sent.
    ["a connection reset mid-body", { kind: "resetMidBody" }, afterUpload("ConnectionError")],
    // The cap is for JSON operations; a download is never capped (issue 12, class 6).
  ];
  table(rows);
  // Large bodies: the upload and the download on every provider, one more call in turn.
  table(
    [
      ["a 17 MB JSON body (far larger than any answer; the cap is 16 MiB)", { kind: "huge", bytes: 17 * 1024 * 1024 }, (_p, c) => (c === "content" ? "ok" : "ServerError")],
      ["a 500 with a 20 MB HTML body", { kind: "hugeError", bytes: 20 * 1024 * 1024 }, () => "ServerError"],
    ],
    "rotate",
  );

  // 10,000 files (~1.5 MB, hundreds of socket reads) on each provider: the class is a big body
  // read whole; 40,000 cost four times the CPU (~7 s for the eight) and proved nothing more.
  const LARGE = 10_000;
  it(`a large but honest list (${LARGE.toLocaleString("en")} files, ~1.5 MB) is read whole, int64 ids exact`, async () => {
    for (const p of PROVIDERS) {
      await scenario(p, "list", { kind: "largeList", files: LARGE }, "ok", {
        extra: { timeoutMs: 10_000 },
        then: (o) => {
          const list = o.value as { id: string; bytes: number }[];
          expect(list).toHaveLength(LARGE);
          // Each id as the server wrote it (above 2^53 where ids are int64), digit for digit.
          expect(list.map((f) => f.id)).toContain(ANSWERS[p].id(LARGE));
        },
      });
    }
  });

  it("a delete answered { deleted: false } is not reported as deleted (every provider whose delete answers a deleted field)", async () => {
    const answering = PROVIDERS.filter((p) => profileOf(p).operations.delete?.result.deleted);
    expect(answering.length).toBeGreaterThan(0);
    for (const p of answering) await scenario(p, "delete", { kind: "deleteRefused" }, "ServerError");
  });
});

describe("a server that echoes the key back", () => {
  for (const where of ["errorBody", "fieldValue", "keyName"] as const) {
    it(`in ${where}: no error or result shows it`, async () => {
      for (const p of PROVIDERS) for (const call of CALLS[p]) await scenario(p, call, { kind: "echoKey", where }, where === "errorBody" ? "AuthenticationError" : "any");
    });
  }
});

describe("a 2xx that is not JSON", () => {
  // A 2xx HTML page (captive portal, misrouted gateway) on a JSON operation is a ServerError,
  // not a bare SyntaxError from JSON.parse.
  for (const p of PROVIDERS) {
    it(`a 200 HTML page on a JSON operation is a typed ServerError (${p})`, async () => {
      for (const call of jsonCalls(p)) await scenario(p, call, { kind: "html200" }, "ServerError");
    });
  }
});

allClosedAtTheEnd();
