// CPU time by owner of the code, from a V8 CPU profile (.cpuprofile JSON): the evidence
// behind a figure. Times are sample counts × each sample's interval, idle excluded.
import { PROVIDER_PACKAGES } from "./providers.mjs";

/** A provider package's files, in the workspace (packages/<folder>/) or installed (@llm-files/<name>/), for the registry's packages. */
const names = PROVIDER_PACKAGES.map((p) => p.split("/").pop().replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")).join("|");
const PROVIDER_CODE = new RegExp(`/packages/(${names})/|@llm-files/(${names})/`);

/** Map owner -> ms for one profile; owner(callFrame) names who the code belongs to. */
export function timeByOwner(profile, owner) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id).callFrame;
    if (frame.functionName === "(idle)") return;
    const o = owner(frame);
    totals.set(o, (totals.get(o) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

/** Map "owner: function (file)" -> ms for one profile: the finer view behind timeByOwner. */
export function timeByFunction(profile, owner) {
  return timeByOwner(profile, (frame) => {
    const file = frame.url ? frame.url.replace(/^.*\/node_modules\//, "").replace(/^.*\/packages\//, "").replace(/^node:internal\/deps\//, "") : "";
    return `${owner(frame)}: ${frame.functionName || "(anonymous)"}${file ? ` (${file.split("/").pop()})` : ""}`;
  });
}

/** The rows where `a` spends most more than `b`, largest first: where a difference goes. */
export function differenceTable(a, b, nameA, nameB, rows = 12) {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const diff = [...keys].map((k) => [k, (a.get(k) ?? 0) - (b.get(k) ?? 0)]).sort((x, y) => y[1] - x[1]);
  const sum = (m) => [...m.values()].reduce((x, y) => x + y, 0);
  const top = diff.slice(0, rows);
  const cell = (m, k) => (m.get(k) ?? 0).toFixed(1);
  return [
    `| code (owner: function (file)) | ${nameA}, ms | ${nameB}, ms | difference, ms |`,
    "|---|---|---|---|",
    ...top.map(([k, d]) => `| ${k.replaceAll("|", "\\|")} | ${cell(a, k)} | ${cell(b, k)} | ${d >= 0 ? "+" : ""}${d.toFixed(1)} |`),
    `| these ${top.length} rows | | | +${top.reduce((x, [, d]) => x + d, 0).toFixed(1)} |`,
    `| **whole profile** | **${sum(a).toFixed(1)}** | **${sum(b).toFixed(1)}** | **${sum(a) - sum(b) >= 0 ? "+" : ""}${(sum(a) - sum(b)).toFixed(1)}** |`,
  ].join("\n");
}

/** Owners for a request loop: whose code runs per call. */
export function requestOwner(frame) {
  const { functionName: fn, url } = frame;
  if (fn === "(garbage collector)") return "garbage collector";
  if (url.includes("undici") || url.startsWith("node:internal/deps/undici")) return "undici (fetch)";
  if (url.includes("openapi-fetch")) return "openapi-fetch";
  if (url.includes("/packages/core/") || url.includes("@llm-files/core")) return "llm-files core";
  if (url.includes("/packages/unified/") || url.includes("@llm-files/unified")) return "llm-files facade";
  if (PROVIDER_CODE.test(url)) return "llm-files provider package";
  if (url.includes("/openai/")) return "openai SDK";
  if (url.includes("/bench/src/")) return "bench loop";
  if (url.startsWith("node:")) return "node internals (http, streams, timers)";
  if (!url) return "V8 / native (builtins, C++ bindings, program)";
  return "other JS";
}

/** Owners for an import: the package a module file belongs to. */
export function packageOwner(frame) {
  const { functionName: fn, url } = frame;
  if (fn === "(garbage collector)") return "garbage collector";
  if (!url) return "V8 / native (compile, program)";
  if (url.startsWith("node:")) return "node internals (module loader)";
  return packageOf(url) ?? "other JS";
}

/** The npm package a file belongs to (a workspace package as @llm-files/<folder>), or undefined. */
export function packageOf(path) {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path.split(".pnpm/").pop());
  if (nm) return nm[1];
  const ws = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  return ws ? `@llm-files/${ws[1]}` : undefined;
}

/** A markdown table of ms per owner, one column per profile, sorted by the first column. */
export function ownerTable(columns) {
  const names = Object.keys(columns);
  const owners = [...new Set(names.flatMap((n) => [...columns[n].keys()]))].sort((a, b) => (columns[names[0]].get(b) ?? 0) - (columns[names[0]].get(a) ?? 0));
  const total = (n) => [...columns[n].values()].reduce((x, y) => x + y, 0);
  const cell = (n, o) => (columns[n].get(o) ?? 0).toFixed(1);
  return [
    `| code | ${names.map((n) => `${n}, ms`).join(" | ")} |`,
    `|---|${names.map(() => "---").join("|")}|`,
    ...owners.map((o) => `| ${o} | ${names.map((n) => cell(n, o)).join(" | ")} |`),
    `| **total busy CPU** | ${names.map((n) => `**${total(n).toFixed(1)}**`).join(" | ")} |`,
  ].join("\n");
}
