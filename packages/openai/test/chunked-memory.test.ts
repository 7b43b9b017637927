// Flat memory: a big sparse file sent in 64 MiB parts by a child process whose peak RSS stays
// under 100 MB. In CI's full-size tier (`pnpm test:full-size`, LLM_FILES_FULL_SIZE=1) the file
// is issue 15's 2 GiB (32 parts; 2^31 bytes, past any 32-bit count); in `pnpm test`, 768 MiB
// (12 parts, past the 512 MiB threshold, so through the Uploads API): 7.7 times the bound, so a
// client that kept the parts it sent could not pass either, for ~5 s of CPU instead of ~12 (the
// bytes cost ~6 s per GiB on loopback). The mock (this process, storeContent: false) counts the
// bytes and discards them. A memory bound, not a timing: the deadline is only a net for hangs.
import { sparseFile } from "@llm-files/testing";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { startMock } from "./mock.js";

const FULL = Boolean(process.env.LLM_FILES_FULL_SIZE);
const SIZE = FULL ? 2 * 1024 ** 3 : 768 * 1024 ** 2;
const LABEL = FULL ? "2 GiB" : "768 MiB";
const PART = 64 * 1024 * 1024;

it(`a ${LABEL} file goes up in ${SIZE / (64 * 1024 * 1024)} parts of 64 MiB with peak RSS under 100 MB`, async () => {
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
    console.log(`${LABEL} in 64 MiB parts: child peak RSS ${(out.maxRssBytes / 1e6).toFixed(1)} MB, child CPU ${(out.cpuMs / 1000).toFixed(1)} s`);
    expect(out.maxRssBytes).toBeLessThanOrEqual(100 * 1e6);
  } finally {
    await f.cleanup();
    await server.stop();
  }
});
