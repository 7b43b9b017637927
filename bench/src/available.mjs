// Which llm-files packages can be imported right now: the facade and every provider package
// of the registry. A package that is not there yet (not written, or not built: its exports
// point at a missing dist/) makes its rows read "not built yet" instead of failing the run;
// any other import error is a real bug and throws.
import { FACADE_ENTRIES, PROVIDER_PACKAGES, importable } from "./providers.mjs";

export const LLM_FILES_PACKAGES = ["@llm-files/unified", ...FACADE_ENTRIES, ...PROVIDER_PACKAGES];

export async function probe(names = LLM_FILES_PACKAGES) {
  const available = new Set();
  for (const name of names) {
    try {
      await import(importable(name));
      available.add(name);
    } catch (err) {
      if (err?.code !== "ERR_MODULE_NOT_FOUND" && err?.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw err;
    }
  }
  return available;
}

export const NOT_BUILT = "not built yet";
