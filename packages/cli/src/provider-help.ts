// What the CLI says about the providers, read from the registry (@llm-files/registry): their
// names and labels, the variable each reads its key from, and their purposes. A provider
// added to the registry appears here with no change to the CLI.
import { PROVIDERS, providerOf, registry, type ProviderName } from "@llm-files/registry";

/** "A, B and C". */
function and(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Every provider's label, as its profile writes it, in the registry's order: "A, B and C". */
export function providerLabels(): string {
  return and(PROVIDERS.map((p) => registry[p].profile.label));
}

/** The environment variable the provider's key comes from (its profile's), or undefined for an unknown name. */
export function apiKeyVariable(provider: string): string | undefined {
  return providerOf(provider)?.profile.env.apiKey;
}

/** Rows of `name  text` aligned on the names, indented for a help section. */
function rows(entries: [string, string][]): string {
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, text]) => `  ${name.padEnd(width)}  ${text}`).join("\n");
}

/** The main help's list of providers: name, label, and the variables of its key and base URL. */
export function providersHelp(): string {
  return `\nProviders (--provider NAME):\n${rows(PROVIDERS.map((p) => {
    const { label, env } = registry[p].profile;
    return [p, `${label}: key in ${env.apiKey}, base URL in ${env.baseUrl}`];
  }))}\n`;
}

type PurposeKind = "upload" | "list" | "delete";

/** What the purpose lists say of a provider whose files have none. */
export const NO_PURPOSE = "none (its files have no purpose: leave out --purpose)";

/** The purposes of each provider for uploads, lists or deletes (a delete's only where it takes one). */
export function purposesHelp(kind: PurposeKind): string {
  const entries: [string, string][] = [];
  for (const p of PROVIDERS) {
    const purposes = purposesOf(p, kind);
    if (purposes) entries.push([p, purposes.length ? purposes.join(", ") : NO_PURPOSE]);
  }
  const title = { upload: "Purposes (--purpose) for uploads", list: "Purposes (--purpose) a file can have", delete: "Purposes (--purpose) the delete takes" }[kind];
  return entries.length ? `\n${title}:\n${rows(entries)}\n` : "";
}

function purposesOf(provider: ProviderName, kind: PurposeKind): readonly string[] | undefined {
  const { purposes, operations } = registry[provider].profile;
  if (kind === "delete") return operations.delete?.purpose ? purposes.delete : undefined;
  return purposes[kind];
}

/** The providers whose delete takes the file's purpose, by label ("" when none does). */
export function deleteNeedsPurpose(): string {
  return and(PROVIDERS.filter((p) => registry[p].profile.operations.delete?.purpose).map((p) => registry[p].profile.label));
}

/** Where a copy's source cannot be downloaded, from the profiles: providers with no content operation, and those whose files say whether theirs can be. */
export function undownloadableHelp(): string {
  const none = PROVIDERS.filter((p) => !registry[p].profile.operations.content).map((p) => `${registry[p].profile.label}'s files`);
  const some = PROVIDERS.filter((p) => registry[p].profile.operations.content && registry[p].profile.file.downloadable).map((p) => `${registry[p].profile.label}'s files that say ${registry[p].profile.file.downloadable}: false`);
  return and([...none, ...some]);
}

/** An example of a copy's source: the first provider's name and an id of its kind. */
export function sourceExample(): string {
  const p = PROVIDERS.find((x) => registry[x].profile.ids === "string") ?? PROVIDERS[0];
  return `${p}:<id>`;
}
