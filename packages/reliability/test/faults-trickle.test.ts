// The fault matrix, part 3: an answer trickled one byte every 100 ms, on every provider (its
// upload, its download, and its other calls in turn): a JSON operation times out, a download
// (whose timeout bounds each pause) arrives whole.
// The machinery and its checks: fault-scenario.ts.
import { describe } from "vitest";
import { afterUpload, faultMatrix, type Row } from "./fault-scenario.js";

const { table, allClosedAtTheEnd } = faultMatrix("trickle");

describe("faults answered by the server", () => {
  const rows: Row[] = [
    // JSON bodies must arrive within the timeout; a download only may not pause longer than
    // it. The download's pauses (100 ms) are 15 times shorter than its timeout (1.5 s, see
    // TRICKLED_DOWNLOAD), while the whole trickle (18–49 bytes: 1.8–4.9 s) is longer than it.
    // An upload's answer that does not arrive in time after its whole body: an unknown outcome (issue 25).
    ["a slow trickle (one byte every 100 ms)", { kind: "trickle", msPerByte: 100 }, (p, c) => (c === "content" ? "ok" : afterUpload("TimeoutError")(p, c))],
  ];
  // The upload and the download on every provider, one more call in turn (each waits out its timeout or the whole trickle).
  table(rows, "rotate");
});

allClosedAtTheEnd();
