// Vitest global setup for the whole suite: the shared Prisms, started once and handed to every
// test file that asks startPrism() for one of these forms, instead of one Prism per file. Every
// provider spec is served twice, with --errors: static answers (the examples) and dynamic ones
// (json-schema-faker). All of them live in ONE Prism process (prism-host.cjs): loading Prism
// costs ~2.4 s of CPU, serving one more spec a fraction of that. Workers inherit the URLs
// through an environment variable; a test file run on its own starts its own Prism.
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, SHARED_PRISM_ENV, sharedPrismKey, startPrisms, type PrismOptions } from "./prism.js";

export default async function setup(): Promise<() => Promise<void>> {
  const providers = readdirSync(join(REPO_ROOT, "specs"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(REPO_ROOT, "specs", d.name, "openapi.yaml")))
    .map((d) => d.name);
  const forms: PrismOptions[] = providers.flatMap((provider) => [
    { provider, errors: true },
    { provider, errors: true, dynamic: true },
  ]);
  // Generous: on a busy machine a Prism loading seven specs can take many seconds.
  const started = await startPrisms(forms, { startTimeoutMs: 120_000 });
  process.env[SHARED_PRISM_ENV] = JSON.stringify(Object.fromEntries(forms.map((f, i) => [sharedPrismKey(f), started[i]!.url])));
  return async () => {
    delete process.env[SHARED_PRISM_ENV];
    await Promise.all(started.map((p) => p.stop()));
  };
}
