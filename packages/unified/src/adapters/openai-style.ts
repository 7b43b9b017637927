// The facade over an OpenAI-style provider package (Moonshot, Novita, OpenAI, Mistral): the same five
// operations, differing only in which optional fields their file objects carry.
import { ServerError, checkPurpose, type CallOptions, type OpenAIStyleFiles } from "@llm-files/core";
import { toFileInfo, type FileFields } from "../file-info.js";
import type { AdapterOperations } from "../adapter.js";
import type { ProviderName } from "../types.js";

/** An OpenAI-style file object as a FileInfo; `extra` reads the provider's optional fields. */
export function openAIStyleInfo<P extends ProviderName>(provider: P, extra: (raw: Record<string, unknown>) => Partial<FileFields> = () => ({})) {
  return (raw: unknown) => toFileInfo(provider, raw, (f) => ({ id: f.id, filename: f.filename, bytes: f.bytes, createdAt: f.created_at, purpose: f.purpose, ...extra(f) }));
}

export function openAIStyleOperations<P extends ProviderName>(
  provider: P,
  files: OpenAIStyleFiles<unknown, { id?: string; deleted?: unknown }, any, any>,
  /** The purposes a file can have (the spec's FileObject.purpose): list() filters by one of these. */
  purposes: readonly string[],
  extra: (raw: Record<string, unknown>) => Partial<FileFields> = () => ({}),
): AdapterOperations<P> {
  const info = openAIStyleInfo(provider, extra);
  return {
    upload: async (p) => info(await files.upload(p)),
    // No server-side filter: filter by purpose here, once it is known to be one a file can have.
    list: async ({ purpose, pageSize: _onePage, ...call } = {}) => {
      if (purpose !== undefined) checkPurpose(provider, purpose, purposes);
      return (await files.list(call)).map(info).filter((f) => purpose === undefined || f.purpose === purpose);
    },
    retrieve: async (id, call) => info(await files.retrieve(id, call)),
    content: (id, call) => files.content(id, call),
    delete: async (id, { purpose: _none, ...call }: CallOptions & { purpose?: never } = {}) => {
      const r = await files.delete(id, call);
      // { deleted: true } is a promise: a provider that answers deleted: false kept the file.
      if (r.deleted !== true) throw new ServerError({ provider, message: `${provider}: the delete of ${id} was answered with deleted: ${JSON.stringify(r.deleted)}; the file may still exist`, retryable: false });
      return { id: r.id || id, deleted: true };
    },
  };
}
