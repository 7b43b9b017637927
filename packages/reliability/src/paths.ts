// Every path a request can take today, as one small interface: the facade and the provider
// packages, each with the built-in transport (fetch, and node:http for uploads) and with a
// caller's own `fetch` (then used for everything, uploads included). A table runs its cases
// through all of them, so a class of input is proven on every path, not on one. The provider
// packages' clients come from the registry (loadClient); where a provider's list or delete
// names a purpose (its profile says so), the test's purpose is passed.
import { createFiles } from "@llm-files/unified";
import { PROVIDERS, loadClient } from "@llm-files/registry";
import { FILE_ID, PURPOSE, profileOf, type ProviderName } from "./bodies.js";

export const PATHS = ["facade", "facade + own fetch", "provider package", "provider package + own fetch"] as const;
export type PathName = (typeof PATHS)[number];

/** Each provider package's client factory (the registry loads the package: here, once, before any test). */
const FACTORIES = Object.fromEntries(await Promise.all(PROVIDERS.map(async (p) => [p, await loadClient(p)] as const))) as unknown as Record<ProviderName, (options?: never) => { files: unknown }>;

export interface Ops {
  list(call?: Record<string, unknown>): Promise<unknown[]>;
  retrieve(id?: unknown, call?: Record<string, unknown>): Promise<Record<string, unknown>>;
  upload(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  content(id?: unknown, call?: Record<string, unknown>): Promise<Response>;
  delete(id?: unknown, call?: Record<string, unknown>): Promise<unknown>;
  /** The id of a result, whichever shape the path returns (FileInfo.id or the provider's id field). */
  idOf(result: Record<string, unknown>): string;
  /** Requests that went through the caller's own fetch (0 on built-in paths). */
  readonly ownFetchCalls: number;
}

/** The purpose options a provider's list and delete need (where its profile says they name one). */
export function purposeOptions(provider: ProviderName): { list: { purpose?: string }; delete: { purpose?: string } } {
  const ops = profileOf(provider).operations;
  return { list: ops.list?.purpose?.required ? { purpose: PURPOSE[provider] } : {}, delete: ops.delete?.purpose ? { purpose: PURPOSE[provider] } : {} };
}

/** A client on `path` for `provider`; `options` are client options (apiKey, baseUrl, headers ...). */
export function client(path: PathName, provider: ProviderName, options: Record<string, unknown>): Ops {
  let calls = 0;
  const own = path.endsWith("own fetch");
  const opts = { maxRetries: 0, timeoutMs: 5_000, ...options, ...(own ? { fetch: (input: RequestInfo | URL, init?: RequestInit) => (calls++, globalThis.fetch(input, init)) } : {}) };
  const purpose = purposeOptions(provider);
  const idField = profileOf(provider).file.id;
  const files = (path.startsWith("facade") ? createFiles({ provider, ...opts } as never) : FACTORIES[provider](opts as never).files) as any;
  return {
    list: (call) => files.list({ ...purpose.list, ...call }),
    retrieve: (id = FILE_ID[provider], call) => files.retrieve(id, call),
    upload: (params) => files.upload({ purpose: PURPOSE[provider], ...params }),
    content: (id = FILE_ID[provider], call) => files.content(id, call),
    delete: (id = FILE_ID[provider], call) => files.delete(id, { ...purpose.delete, ...call }),
    idOf: (r) => String(path.startsWith("facade") ? r.id : r[idField]),
    get ownFetchCalls() {
      return calls;
    },
  };
}

/** Settles a promise into { ok, value | error } (a thrown synchronous error included). */
export async function settle<T>(run: () => Promise<T> | T): Promise<{ ok: true; value: T } | { ok: false; error: any }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
