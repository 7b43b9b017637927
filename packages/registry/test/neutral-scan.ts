// What "core names no provider" means, as data read from the registry: every provider's name,
// label and package, a few providers llm-files does not have (so none creeps in first), and
// the strings of its error data that only one provider uses (MiniMax-like status keys, one
// provider's request id header or error code). neutral.test.ts scans core's sources for them.
import type { Profile } from "@llm-files/core";

/** Providers the registry does not list, named nowhere in core either. */
export const OTHER_PROVIDERS = ["groq", "kimi", "cohere", "bedrock", "deepseek"] as const;

/**
 * An identifier joined by "_" or "-" (a status key, a header name, an error code): a word prose
 * does not hold by chance. Plain words of the error data ("message", "detail", "reason",
 * "quota") are left out: they are English, and core's comments use them for their own sake.
 */
const IDENTIFIER = /[a-z0-9]+(?:[_-][a-z0-9]+)+/gi;

/** The strings of a profile's error data: paths, headers, rule patterns, the in-body status keys. */
function errorStrings(p: Profile): string[] {
  const e = p.errors;
  const b = p.inBodyErrors;
  return [
    ...e.message,
    ...(e.code ?? []),
    ...(e.type ?? []),
    ...(e.requestIdHeaders ?? []),
    ...(e.rules ?? []).flatMap((r) => [r.code?.source ?? "", r.type?.source ?? ""]),
    ...(b ? [b.at, b.code, b.message, b.requestIdHeader ?? ""] : []),
  ];
}

/** The identifiers in the profiles' error data that exactly one profile uses, lowercased. */
export function errorMarkers(profiles: readonly Profile[]): string[] {
  const users = new Map<string, Set<string>>();
  for (const p of profiles) {
    for (const s of errorStrings(p)) {
      for (const id of s.match(IDENTIFIER) ?? []) {
        const key = id.toLowerCase();
        if (!users.has(key)) users.set(key, new Set());
        users.get(key)!.add(p.name);
      }
    }
  }
  return [...users].filter(([, who]) => who.size === 1).map(([id]) => id);
}

/** Every term core must not contain: names, labels, packages, other providers, one provider's error markers. */
export function providerTerms(profiles: readonly Profile[]): string[] {
  const terms = [...profiles.flatMap((p) => [p.name, p.label, p.package]), ...OTHER_PROVIDERS, ...errorMarkers(profiles)];
  return [...new Set(terms.map((t) => t.toLowerCase()))];
}

/** "file:line: term" for every line of every file that contains a term (case-insensitive). */
export function scan(files: readonly { path: string; text: string }[], terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    text.split(/\r?\n/).forEach((line, i) => {
      const lower = line.toLowerCase();
      for (const term of terms) if (lower.includes(term)) found.push(`${path}:${i + 1}: ${term}`);
    });
  }
  return found;
}
