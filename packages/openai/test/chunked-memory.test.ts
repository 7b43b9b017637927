// Flat memory: a 768 MiB sparse file (past the 512 MiB threshold, so through the Uploads API)
// sent in 64 MiB parts by a child process whose peak RSS stays under 100 MB: 7.7 times the
// bound, so a client that kept the parts it sent could not pass. The bench sends 2 GiB the same
// way (bench/RESULTS.md); here the bytes cost CPU (~6 s per GiB on loopback) the suite does not
// need to spend. The mock (this process, storeContent: false) counts the bytes and discards
// them. A memory bound, not a timing: the deadline is only a net for hangs.
import { sparseFile } from "@llm-files/testing";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { startMock } from "./mock.js";

const SIZE = 768 * 1024 ** 2;
const PART = 64 * 1024 * 1024;

it("a 768 MiB file goes up in 12 parts of 64 MiB with peak RSS under 100 MB", async () => {
  const server = await startMock("openai", { seed: false, storeContent: false });
  const f = await sparseFile(SIZE, "big.jsonl");
  try {
    const child = fileURLToPath(new URL("./fixtures/chunked-child.mjs", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [child, server.url, f.path, String(PART)], { maxBuffer: 1024 * 1024 });
    const out = JSON.parse(stdout);
    const [upload] = server.uploads();
    expect(out.file).toMatchObject({ id: upload!.fileId, bytes: SIZE });
    expect(out.loaded).toBe(SIZE);
    const parts = upload!.parts;
    expect(parts.length).toBe(SIZE / PART);
    expect(parts.every((p) => p.bytes === PART)).toBe(true);
    console.log(`768 MiB in 64 MiB parts: child peak RSS ${(out.maxRssBytes / 1e6).toFixed(1)} MB, child CPU ${(out.cpuMs / 1000).toFixed(1)} s`);
    expect(out.maxRssBytes).toBeLessThanOrEqual(100 * 1e6);
  } finally {
    await f.cleanup();
    await server.stop();
  }
});
