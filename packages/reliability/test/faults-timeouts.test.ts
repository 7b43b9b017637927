// The fault matrix, part 2: answers that never finish (no answer at all, a stall mid-body),
// on every provider (its upload, its download, and its other calls in turn): a TimeoutError
// within the per-attempt timeout.
// The machinery and its checks: fault-scenario.ts.
import { describe } from "vitest";
import { afterUpload, faultMatrix, type Row } from "./fault-scenario.js";

const { table, allClosedAtTheEnd } = faultMatrix("hangs and stalls");

describe("faults answered by the server", () => {
  const rows: Row[] = [
    ["no answer (hang)", { kind: "hang" }, afterUpload("TimeoutError")],
    ["a stall mid-body", { kind: "stallMidBody" }, afterUpload("TimeoutError")],
  ];
  // The upload and the download on every provider, one more call in turn (each waits out its timeout).
  table(rows, "rotate");
});

allClosedAtTheEnd();
