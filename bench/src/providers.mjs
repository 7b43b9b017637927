// The providers the bench's rows are about: the registry's (@llm-files/registry). Every
// provider package gets its size and cold-import rows and its version in the header; the
// server answers for every one; the provider llm-files and the openai SDK both talk to, and the
// one that takes uploads above that one's cap, are chosen from the profiles. A provider package
// the bench does not depend on itself is reached through the registry's own dependencies.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import { PROVIDERS, registry } from "@llm-files/registry";
import { providerAnswers } from "@llm-files/testing/providers";

export { PROVIDERS };
export const profileOf = (p) => registry[p].profile;

/** Each provider's package name, in the registry's order. */
export const PROVIDER_PACKAGES = PROVIDERS.map((p) => profileOf(p).package);

/** The facade's entry for one provider alone (@llm-files/unified/<provider>, generated from the registry), by provider. */
export const FACADE_ENTRIES = PROVIDERS.map((p) => `@llm-files/unified/${p}`);

const own = createRequire(import.meta.url);
const viaRegistry = createRequire(own.resolve("@llm-files/registry/package.json"));

/** The folder of an installed package: the bench's own dependency, else the registry's; undefined when neither has it. */
export function packageDir(name) {
  for (const req of [own, viaRegistry]) {
    try {
      return dirname(req.resolve(`${name}/package.json`));
    } catch {}
  }
  return undefined;
}

/** The file `import(name)` loads (the package's ESM entry), from wherever the package is installed. */
export function entryFile(name) {
  const dir = packageDir(name);
  if (!dir) return undefined;
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const dot = pkg.exports?.["."] ?? pkg.exports;
  const entry = typeof dot === "string" ? dot : (dot?.import?.default ?? dot?.import ?? dot?.default ?? pkg.module ?? pkg.main);
  return typeof entry === "string" ? join(dir, entry) : undefined;
}

/** What the bench passes to import(): the name where the bench resolves it itself, else the entry file's URL. */
export function importable(name) {
  try {
    own.resolve(`${name}/package.json`);
    return name;
  } catch {
    const file = entryFile(name);
    return file ? pathToFileURL(file).href : name;
  }
}

const openAIShaped = (p) => {
  const { operations: o, pathPrefix = "", ids } = profileOf(p);
  return o.list?.path === `${pathPrefix}/files` && o.list.items === "data" && !o.list.purpose?.required && !o.upload?.envelope && !o.retrieve?.envelope && ids === "string";
};

/**
 * The provider of the list, retrieve and upload figures: the first of the registry whose Files
 * routes have OpenAI's shape (…/files, a `data` list, no envelopes, string ids), so the openai
 * SDK can call them too, with base URL <server>/<provider><pathPrefix>.
 */
export const ROUTES = PROVIDERS.find(openAIShaped);
/** The largest upload ROUTES takes (llm-files refuses more before sending), in bytes. */
export const ROUTES_CAP = profileOf(ROUTES).limits.maxBytes ?? Infinity;
/** Where llm-files sends an upload above ROUTES_CAP: the first provider with no size limit for its sample purpose. */
export const UNCAPPED = PROVIDERS.find((p) => {
  const { limits, sample } = profileOf(p);
  return limits.maxBytes === undefined && !limits.byPurpose?.[sample.purpose];
});

/** The id of the file in ROUTES' spec example (what the server's retrieve answers). */
export async function exampleId(p = ROUTES) {
  return providerAnswers(profileOf(p), await registry[p].spec()).exampleId;
}
