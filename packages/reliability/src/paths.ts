// Every path a request can take today, as one small interface: the facade and the provider
// packages, each with the built-in transport (fetch, and node:http for uploads) and with a
// caller's own `fetch` (then used for everything, uploads included). A table runs its cases
// through all of them, so a class of input is proven on every path, not on one.
import { createMinimaxClient } from "@llm-files/minimax";
import { createMoonshotClient } from "@llm-files/moonshot";
import { createNovitaClient } from "@llm-files/novita";
import { createFiles } from "@llm-files/unified";
import { type ProviderName } from "./bodies.js";
import { MINIMAX_ID, OPENAI_ID } from "./bodies.js";

export const PATHS = ["facade", "facade + own fetch", "provider package", "provider package + own fetch"] as const;
export type PathName = (typeof PATHS)[number];

export const UPLOAD_PURPOSE = { moonshot: "file-extract", novita: "batch", minimax: "voice_clone" } as const;
export const FILE_ID = { moonshot: OPENAI_ID, novita: OPENAI_ID, minimax: MINIMAX_ID } as const;

export interface Ops {
  list(call?: Record<string, unknown>): Promise<unknown[]>;
  retrieve(id?: unknown, call?: Record<string, unknown>): Promise<Record<string, unknown>>;
  upload(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  content(id?: unknown, call?: Record<string, unknown>): Promise<Response>;
  delete(id?: unknown, call?: Record<string, unknown>): Promise<unknown>;
  /** The id of a result, whichever shape the path returns (FileInfo.id or file_id). */
  idOf(result: Record<string, unknown>): string;
  /** Requests that went through the caller's own fetch (0 on built-in paths). */
  readonly ownFetchCalls: number;
}

/** A client on `path` for `provider`; `options` are client options (apiKey, baseUrl, headers ...). */
export function client(path: PathName, provider: ProviderName, options: Record<string, unknown>): Ops {
  let calls = 0;
  const own = path.endsWith("own fetch");
  const opts = { maxRetries: 0, timeoutMs: 5_000, ...options, ...(own ? { fetch: (input: RequestInfo | URL, init?: RequestInit) => (calls++, globalThis.fetch(input, init)) } : {}) };
  const purpose = provider === "minimax" ? "voice_clone" : undefined;
  if (path.startsWith("facade")) {
    const f = createFiles({ provider, ...opts } as never) as any;
    return {
      list: (call) => f.list({ ...(purpose ? { purpose } : {}), ...call }),
      retrieve: (id = FILE_ID[provider], call) => f.retrieve(id, call),
      upload: (params) => f.upload({ purpose: UPLOAD_PURPOSE[provider], ...params }),
      content: (id = FILE_ID[provider], call) => f.content(id, call),
      delete: (id = FILE_ID[provider], call) => f.delete(id, { ...(purpose ? { purpose } : {}), ...call }),
      idOf: (r) => String(r.id),
      get ownFetchCalls() {
        return calls;
      },
    };
  }
  const files =
    provider === "minimax" ? (createMinimaxClient(opts as never).files as any) : provider === "novita" ? (createNovitaClient(opts as never).files as any) : (createMoonshotClient(opts as never).files as any);
  const mm = provider === "minimax";
  return {
    list: (call) => (mm ? files.list(purpose, call) : files.list(call)),
    retrieve: (id = FILE_ID[provider], call) => files.retrieve(id, call),
    upload: (params) => files.upload({ purpose: UPLOAD_PURPOSE[provider], ...params }),
    content: (id = FILE_ID[provider], call) => files.content(id, call),
    delete: (id = FILE_ID[provider], call) => (mm ? files.delete(id, purpose, call) : files.delete(id, call)),
    idOf: (r) => String(r.id ?? r.file_id),
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
