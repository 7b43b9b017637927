// What each provider answers on success, for every provider of the registry: its profile's
// data (file fields, list items and paging, envelopes, the delete's result, the in-body status
// object, the id kind) over its spec's own 200 examples (@llm-files/testing's providerAnswers).
// Nothing here names a provider: a provider added to the registry is answered in its shape.
import { PROVIDERS, registry, type ProviderName } from "@llm-files/registry";
import { providerAnswers, type OperationName, type ProviderAnswers } from "@llm-files/testing/providers";

export { PROVIDERS, type ProviderName };
export type Provider = ProviderName;
export type Op = OperationName;

/** Each provider's answers, over the spec document its package vendors. */
export const ANSWERS = Object.fromEntries(
  await Promise.all(PROVIDERS.map(async (p) => [p, providerAnswers(registry[p].profile, (await registry[p].spec()) as Record<string, unknown>)] as const)),
) as Record<ProviderName, ProviderAnswers>;

export const profileOf = (p: ProviderName) => registry[p].profile;

/** The header the key goes in (lower case, as a server reads it) and its value's prefix: the profile's, default `authorization: Bearer <key>`. */
export function authOf(p: ProviderName): { header: string; prefix: string } {
  const auth = profileOf(p).auth;
  return auth ? { header: auth.header.toLowerCase(), prefix: auth.prefix ?? "" } : { header: "authorization", prefix: "Bearer " };
}

/** The headers a request carrying `key` has, by the profile: `{ authorization: "Bearer <key>" }`, `{ "x-api-key": "<key>" }` ... */
export const keyHeaders = (p: ProviderName, key: string): Record<string, string> => ({ [authOf(p).header]: authOf(p).prefix + key });

/** "The" file of the tests: "file-abc", or where ids are int64, an id above 2^53 that must come back digit for digit. */
export const FILE_ID = Object.fromEntries(PROVIDERS.map((p) => [p, ANSWERS[p].id(0)])) as Record<ProviderName, string>;

/** The purpose the tests upload, list and delete with: the profile's sample upload's. */
export const PURPOSE = Object.fromEntries(PROVIDERS.map((p) => [p, profileOf(p).sample.purpose])) as Record<ProviderName, string>;

/** A download's bytes (opaque: the same for every provider; 25 bytes, so a trickle of it outlasts a 1.5 s timeout). */
export const CONTENT = "bytes of the stored file\n";

/** The extension of the provider's sample file (".txt", ".jsonl"), for test files it takes. */
export const extensionOf = (p: ProviderName) => /\.[^.]+$/.exec(profileOf(p).sample.filename)?.[0] ?? ".txt";

/** The n-th test file object, varied by `n` (ids as strings; the answers' text writes int64 ids bare). */
export function fileObject(p: ProviderName, n = 0): Record<string, unknown> {
  return ANSWERS[p].file({ id: ANSWERS[p].id(n), filename: `a${n}${extensionOf(p)}`, bytes: 10 + n, purpose: PURPOSE[p], createdAt: 1_700_000_000 + n });
}

/** One file object as JSON text. */
export const fileJson = (p: ProviderName, n = 0): string => ANSWERS[p].text(fileObject(p, n));

/** A list of these file objects in the provider's list answer, as its last page. */
export const listJson = (p: ProviderName, files: Record<string, unknown>[]): string => ANSWERS[p].text(ANSWERS[p].list(files));

/** The success body of `op` (JSON text, or the content's bytes), holding `file` where the answer holds a file. */
export function successBody(p: ProviderName, op: Op, file: Record<string, unknown> = fileObject(p)): string {
  const a = ANSWERS[p];
  switch (op) {
    case "list":
      return a.text(a.list([file]));
    case "retrieve":
      return a.text(a.retrieve(file));
    case "upload":
      return a.text(a.upload(file));
    case "delete":
      return a.text(a.deleted(FILE_ID[p]));
    case "content":
      return CONTENT;
  }
}

/** Whether a list request asks for a page after the first (by the profile's paging data). */
export function laterPage(p: ProviderName, url: string): boolean {
  const paging = profileOf(p).operations.list?.paging;
  if (!paging) return false;
  const q = new URLSearchParams(url.split("?")[1] ?? "");
  if (paging.style === "cursor") return q.has(paging.after);
  if (paging.style === "token") return q.has(paging.token);
  return q.has(paging.page) && Number(q.get(paging.page)) > paging.first;
}
