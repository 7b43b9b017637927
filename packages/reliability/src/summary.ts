// Figures kept by each test file (each runs in its own process) and written to the folder the
// global setup provides; the global teardown adds them up and prints one table. Requests are
// never added by hand: a section names the loopback servers it used, and the figure is what
// those servers counted when the file ended.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Figures {
  section: string;
  scenarios: number;
  /** Requests counted by the section's servers (the sum of `servers`). */
  requests: number;
  /** Each server's own count, by its label. */
  servers: Record<string, number>;
  errors: Record<string, number>;
  duplicates: number;
  /** The process's peak RSS (OS high-water mark), MB. */
  peakRssMb: number;
  notes: string[];
}

/** What a server says it received: a TestServer (its `received()`), or a count kept by the server's own handler. */
export type Counter = { received(): number } | (() => number);

export class Tally {
  readonly figures: Figures;
  private readonly counted: [label: string, counter: Counter][] = [];
  constructor(section: string) {
    this.figures = { section, scenarios: 0, requests: 0, servers: {}, errors: {}, duplicates: 0, peakRssMb: 0, notes: [] };
  }
  scenario(n = 1): void {
    this.figures.scenarios += n;
  }
  /** A loopback server this section sent requests to; what it counted is read when the figures are written. */
  server(label: string, counter: Counter): void {
    this.counted.push([label, counter]);
  }
  error(err: unknown): void {
    const name = (err as Error)?.name ?? typeof err;
    this.figures.errors[name] = (this.figures.errors[name] ?? 0) + 1;
  }
  duplicates(n: number): void {
    this.figures.duplicates += n;
  }
  note(line: string): void {
    this.figures.notes.push(line);
  }
  /** Writes this file's figures for the table (peak RSS read now). */
  flush(dir: string | undefined): void {
    for (const [label, c] of this.counted) {
      const n = typeof c === "function" ? c() : c.received();
      this.figures.servers[label] = (this.figures.servers[label] ?? 0) + n;
      this.figures.requests += n;
    }
    this.counted.length = 0;
    this.figures.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.figures.section.replace(/\W+/g, "-")}-${process.pid}.json`), JSON.stringify(this.figures));
  }
}

/** Sections in print order: the suite's first five, then issue 12's classes of hostile and odd input. */
const ORDER = [
  "faults",
  "fuzz",
  "bad input",
  "security",
  "load",
  "1 wire input",
  "2 one way to read an answer",
  "3 bounded options",
  "4 early exits clean up",
  "5 redirects and 204",
  "6 downloads are bytes",
  "7 CLI",
  "8 inputs users expect",
];

export function readFigures(dir: string): Figures[] {
  const all = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Figures);
  return mergeSections(all).sort((a, b) => ORDER.indexOf(a.section) - ORDER.indexOf(b.section));
}

/**
 * One row per section, however many test files (processes) it was run in: counts added up,
 * the largest peak RSS kept (each figure is one process's own), notes in file order.
 */
export function mergeSections(all: Figures[]): Figures[] {
  const bySection = new Map<string, Figures>();
  for (const x of all) {
    const m = bySection.get(x.section);
    if (!m) {
      bySection.set(x.section, { ...x, servers: { ...x.servers }, errors: { ...x.errors }, notes: [...x.notes] });
      continue;
    }
    m.scenarios += x.scenarios;
    m.requests += x.requests;
    for (const [k, v] of Object.entries(x.servers)) m.servers[k] = (m.servers[k] ?? 0) + v;
    m.duplicates += x.duplicates;
    m.peakRssMb = Math.max(m.peakRssMb, x.peakRssMb);
    for (const [k, v] of Object.entries(x.errors)) m.errors[k] = (m.errors[k] ?? 0) + v;
    m.notes.push(...x.notes);
  }
  return [...bySection.values()];
}

/** The summary table (markdown), then each section's notes. */
export function renderTable(all: Figures[]): string {
  const total = (f: (x: Figures) => number) => all.reduce((n, x) => n + f(x), 0);
  const errors: Record<string, number> = {};
  for (const x of all) for (const [k, v] of Object.entries(x.errors)) errors[k] = (errors[k] ?? 0) + v;
  const rows: [string, string][] = [
    ...all.map((x): [string, string] => [`scenarios: ${x.section}`, String(x.scenarios)]),
    ["scenarios: total", String(total((x) => x.scenarios))],
    ...all.map((x): [string, string] => [`requests: ${x.section}`, `${x.requests} (${Object.keys(x.servers).length} servers)`]),
    ["requests: total (counted by the servers)", String(total((x) => x.requests))],
    ...Object.keys(errors)
      .sort()
      .map((k): [string, string] => [`errors: ${k}`, String(errors[k])]),
    ["errors: anything not a FilesError", "0 (any would have failed its test)"],
    ["duplicate uploads stored", String(total((x) => x.duplicates))],
    ...all.map((x): [string, string] => [`peak RSS: ${x.section} process`, `${x.peakRssMb} MB`]),
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const table = ["| reliability summary".padEnd(w + 2) + " | |", `|${"-".repeat(w + 2)}|---|`, ...rows.map(([k, v]) => `| ${k.padEnd(w)} | ${v} |`)];
  const counts = (x: Figures) => Object.entries(x.servers).map(([label, n]) => `${label} ${n}`).join(", ");
  const notes = all.flatMap((x) => [...x.notes.map((n) => `- ${x.section}: ${n}`), ...(Object.keys(x.servers).length ? [`- ${x.section}: requests each server counted: ${counts(x)}`] : [])]);
  return ["", ...table, "", ...notes, ""].join("\n");
}
