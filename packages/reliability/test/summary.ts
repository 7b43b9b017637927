// Counts kept across the suite and the table printed at its end.
export const summary = {
  scenarios: new Map<string, number>(),
  requests: 0,
  errors: new Map<string, number>(),
  duplicates: 0,
  peakRssMb: 0,
};

export function scenario(section: string, n = 1): void {
  summary.scenarios.set(section, (summary.scenarios.get(section) ?? 0) + n);
}

export function countError(err: unknown): void {
  const name = (err as Error)?.name ?? typeof err;
  summary.errors.set(name, (summary.errors.get(name) ?? 0) + 1);
}

export function notePeakRss(): void {
  summary.peakRssMb = Math.max(summary.peakRssMb, process.resourceUsage().maxRSS / 1024);
}

export function printSummary(): void {
  notePeakRss();
  const rows = [
    ...[...summary.scenarios].map(([k, v]) => [`scenarios: ${k}`, String(v)]),
    ["scenarios: total", String([...summary.scenarios.values()].reduce((a, b) => a + b, 0))],
    ["requests made (servers' count)", String(summary.requests)],
    ...[...summary.errors].sort().map(([k, v]) => [`errors: ${k}`, String(v)]),
    ["duplicate uploads stored", String(summary.duplicates)],
    ["peak RSS of the test process", `${summary.peakRssMb.toFixed(0)} MB`],
  ];
  const w = Math.max(...rows.map((r) => r[0]!.length));
  console.log(["", "| reliability | |", "|---|---|", ...rows.map(([k, v]) => `| ${k!.padEnd(w)} | ${v} |`)].join("\n"));
}
