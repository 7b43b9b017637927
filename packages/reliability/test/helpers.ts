// Shared by the reliability tests: the fake key, the facade per provider, one call per
// operation, and the checks every error must pass.
import { FilesError } from "@llm-files/core";
import { createFiles, type Files } from "@llm-files/unified";
import { inspect } from "node:util";
import { FILE_ID, PROVIDERS, PURPOSE, profileOf, type ProviderName } from "../src/bodies.js";
import { purposeOptions } from "../src/paths.js";
import { isResumable } from "@llm-files/testing/providers";

/** Distinctive, so any leak of it is found by a plain substring search. */
export const KEY = "sk-reliab1lity-FAKE-KEY-7c1e5d90a2b3f4";
export { PURPOSE };
export const ID = FILE_ID;

/**
 * A facade call: each operation the provider has, and the two that fan out where its profile
 * says so: a list that names one purpose at a time (listed for every purpose and merged), a
 * delete that names the file's purpose (looked up first).
 */
export type Call = "list" | "retrieve" | "upload" | "content" | "delete" | "list (all purposes)" | "delete (purpose looked up)";
export const CALLS = Object.fromEntries(
  PROVIDERS.map((p) => {
    const ops = profileOf(p).operations;
    const calls: Call[] = (["list", "retrieve", "upload", "content", "delete"] as const).filter((op) => ops[op]);
    if (ops.list?.purpose?.required) calls.push("list (all purposes)");
    if (ops.delete?.purpose) calls.push("delete (purpose looked up)");
    return [p, calls];
  }),
) as Record<ProviderName, Call[]>;

export function facade(provider: ProviderName, baseUrl: string, extra: Record<string, unknown> = {}): Files<ProviderName> {
  return createFiles({ provider, apiKey: KEY, baseUrl, maxRetries: 0, timeoutMs: 300, ...extra } as never) as Files<ProviderName>;
}

/**
 * Requests one upload of a test file (far smaller than a chunk) takes when every answer is
 * right: one, or where the profile's uploads are resumable, a start and one finalizing chunk.
 */
/** Whether the provider's uploads are resumable sessions (its profile's upload form). */
export const resumable = (p: ProviderName): boolean => isResumable(profileOf(p));
export const uploadRequests = (p: ProviderName): number => (resumable(p) ? 2 : 1);

/** Runs one call; content is read to the end (its failures surface while reading). */
export async function run(files: Files<ProviderName>, provider: ProviderName, call: Call, file: string): Promise<unknown> {
  const f = files as any;
  const purpose = purposeOptions(provider);
  switch (call) {
    case "list":
      return f.list(purpose.list);
    case "list (all purposes)":
      return f.list();
    case "retrieve":
      return f.retrieve(ID[provider]);
    case "upload":
      return f.upload({ file, purpose: PURPOSE[provider] });
    case "content":
      return (await f.content(ID[provider])).text();
    case "delete":
      return f.delete(ID[provider], purpose.delete);
    case "delete (purpose looked up)":
      return f.delete(ID[provider]);
  }
}

/** Every rendering of an error a program or a person might print or log. */
export function renderings(err: unknown): Record<string, string> {
  const e = err as Error & { body?: string; cause?: unknown };
  const out: Record<string, string> = {
    String: String(err),
    message: e?.message ?? "",
    stack: e?.stack ?? "",
    inspect: inspect(err, { depth: Infinity, showHidden: true }),
    JSON: JSON.stringify(err) ?? "",
    body: e?.body ?? "",
  };
  for (let c: any = e?.cause, i = 0; c && i < 5; c = c.cause, i++) out[`cause ${i}`] = `${c?.message ?? ""}\n${c?.stack ?? ""}\n${inspect(c, { depth: 4 })}`;
  return out;
}

/** The renderings of `err` that contain the key (none, or the test fails). */
export function leaksOf(err: unknown, key = KEY): string[] {
  return Object.entries(renderings(err))
    .filter(([, text]) => text.includes(key))
    .map(([where]) => where);
}

export function isTyped(err: unknown): err is FilesError {
  return FilesError.isInstance(err);
}
