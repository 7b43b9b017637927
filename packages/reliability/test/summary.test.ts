// The summary table adds up a section run in several files (processes): one row per section.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { Tally, readFigures, renderTable, type Figures } from "../src/summary.js";

const figures = (section: string, n: number, rss: number, errors: Record<string, number>, note: string): Figures => ({ section, scenarios: n, requests: n * 2, servers: { "a server": n * 2 }, errors, duplicates: 0, peakRssMb: rss, notes: [note] });

it("figures of one section from several processes become one row: counts added, the largest peak RSS, every note", async () => {
  const dir = await mkdtemp(join(tmpdir(), "llm-files-summary-"));
  try {
    await writeFile(join(dir, "faults-101.json"), JSON.stringify(figures("faults", 10, 150, { ServerError: 3 }, "part a")));
    await writeFile(join(dir, "faults-102.json"), JSON.stringify(figures("faults", 5, 290, { ServerError: 1, TimeoutError: 2 }, "part b")));
    await writeFile(join(dir, "fuzz-103.json"), JSON.stringify(figures("fuzz", 7, 140, {}, "fuzzed")));
    const all = readFigures(dir);
    expect(all.map((x) => x.section)).toEqual(["faults", "fuzz"]);
    expect(all[0]).toMatchObject({ scenarios: 15, requests: 30, servers: { "a server": 30 }, peakRssMb: 290, errors: { ServerError: 4, TimeoutError: 2 } });
    expect([...all[0]!.notes].sort()).toEqual(["part a", "part b"]);
    const table = renderTable(all);
    expect(table.match(/\| scenarios: faults +\| 15 \|/g)).toHaveLength(1);
    expect(table).toMatch(/\| scenarios: total +\| 22 \|/);
    expect(table).toMatch(/\| peak RSS: faults process +\| 290 MB \|/);
    expect(table).toMatch(/\| requests: faults +\| 30 \(1 servers\) \|/);
    expect(table).toContain("- faults: requests each server counted: a server 30");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("a section's requests are what its servers counted when the figures are written, never a number added by hand", async () => {
  const dir = await mkdtemp(join(tmpdir(), "llm-files-summary-"));
  try {
    let a = 0;
    const b = { received: () => 7 };
    const tally = new Tally("load");
    tally.server("server a", () => a);
    tally.server("server b", b);
    a = 5; // counted later than the server was named: the count at the end is what is written
    tally.flush(dir);
    const [load] = readFigures(dir);
    expect(load).toMatchObject({ requests: 12, servers: { "server a": 5, "server b": 7 } });
    expect("requests" in Tally.prototype).toBe(false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
