// Vitest global setup for the whole suite: one Prism per provider spec (static answers,
// --errors), started once and shared by every test file that asks startPrism() for that
// form, instead of one Prism (~150 MB, 1–2 s of CPU) per file. Workers inherit the URLs
// through an environment variable; a test file run on its own starts its own Prism.
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, SHARED_PRISM_ENV, startOwnPrism, type Provider } from "./prism.js";

export default async function setup(): Promise<() => Promise<void>> {
  const providers = readdirSync(join(REPO_ROOT, "specs"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(REPO_ROOT, "specs", d.name, "openapi.yaml")))
    .map((d) => d.name as Provider);
  // Generous: on a busy machine three Prisms starting at once can take many seconds.
  const settled = await Promise.allSettled(providers.map((provider) => startOwnPrism({ provider, errors: true, startTimeoutMs: 120_000 })));
  const started = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await Promise.all(started.map((p) => p.stop()));
    throw failed.reason;
  }
  process.env[SHARED_PRISM_ENV] = JSON.stringify(Object.fromEntries(providers.map((p, i) => [p, started[i]!.url])));
  return async () => {
    delete process.env[SHARED_PRISM_ENV];
    await Promise.all(started.map((p) => p.stop()));
  };
}
