// Where the time of N sequential list calls goes, by owner of the code (a V8 CPU profile
// taken in a fresh process): the evidence behind the list-overhead figure.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const OWNERS = [
  ["(idle)", "waiting for I/O (idle)"],
  ["(garbage collector)", "garbage collector"],
  ["undici", "undici (fetch)"],
  ["openapi-fetch", "openapi-fetch"],
  ["/core/", "llm-files core"],
  ["@llm-files", "llm-files provider/facade"],
  ["/packages/", "llm-files provider/facade"],
  ["node:", "node internals"],
];

function owner(frame) {
  const key = `${frame.functionName} ${frame.url}`;
  if (frame.functionName === "(idle)") return OWNERS[0][1];
  if (frame.functionName === "(garbage collector)") return OWNERS[1][1];
  for (const [needle, name] of OWNERS.slice(2)) if (frame.url.includes(needle)) return name;
  return frame.url ? "other JS" : "native / (program)";
  void key;
}

export async function profileList(variantName, base, calls, cwd) {
  const dir = await mkdtemp(join(tmpdir(), "llm-files-prof-"));
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "src/worker.mjs", "list", variantName, base, String(calls)], { cwd, stdio: "ignore" });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`profile exited ${code}`))));
  });
  const file = (await readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
  const profile = JSON.parse(await readFile(join(dir, file), "utf8"));
  await rm(dir, { recursive: true, force: true });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map();
  for (const id of profile.samples) {
    const o = owner(byId.get(id).callFrame);
    totals.set(o, (totals.get(o) ?? 0) + 1);
  }
  const busy = profile.samples.length - (totals.get(OWNERS[0][1]) ?? 0);
  return new Map([...totals].filter(([k]) => k !== OWNERS[0][1]).map(([k, v]) => [k, (v / busy) * 100]));
}
