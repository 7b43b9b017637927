// CPU time by owner of the code, from a V8 CPU profile (.cpuprofile JSON): the evidence
// behind a figure. Times are sample counts × each sample's interval, idle excluded.

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

/** Owners for a request loop: whose code runs per call. */
export function requestOwner(frame) {
  const { functionName: fn, url } = frame;
  if (fn === "(garbage collector)") return "garbage collector";
  if (url.includes("undici") || url.startsWith("node:internal/deps/undici")) return "undici (fetch)";
  if (url.includes("openapi-fetch")) return "openapi-fetch";
  if (url.includes("/packages/core/") || url.includes("@llm-files/core")) return "llm-files core";
  if (url.includes("/packages/unified/") || url.includes("@llm-files/unified")) return "llm-files facade";
  if (/\/packages\/(moonshot|novita|minimax)\/|@llm-files\/(moonshot|novita|minimax)/.test(url)) return "llm-files provider package";
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
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url.split(".pnpm/").pop());
  if (nm) return nm[1];
  const ws = /\/packages\/([^/]+)\//.exec(url);
  return ws ? `@llm-files/${ws[1]}` : "other JS";
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
