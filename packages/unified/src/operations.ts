// The facade's operations over a provider's profile (data: where the purpose goes, which
// pages, which states, which expiry) and its package's Files operations. Loaded with them, on
// the first call (facade.ts): so it reads core's main entry, which they load anyway.
import { ServerError, ValidationError, checkPurpose, describe, isRecord, notDownloadableError, sizeQuery, type Expiry, type Profile, type UploadRecovery as ClientRecovery } from "@llm-files/core";
import { toFileInfo } from "./file-info.js";
import { waitUntilReady } from "./wait.js";
import type { AllOperations, FileInfo, ListOptions, ProviderName } from "./types.js";

/** Refuses expiresAfterSeconds where the provider has no expiry, or outside its range: before any request. */
function checkExpiry(provider: string, expiry: Expiry | undefined, value: unknown): void {
  if (value === undefined) return;
  if (!expiry) throw new ValidationError(provider, "expiresAfterSeconds", `${provider} offers no expiry (its files stay until deleted): remove expiresAfterSeconds and delete the file when done`);
  if (typeof value !== "number" || !Number.isInteger(value) || value < expiry.minSeconds || value > expiry.maxSeconds) {
    const upTo = expiry.maxSeconds === Number.MAX_SAFE_INTEGER ? "or more" : `to ${expiry.maxSeconds}`;
    throw new ValidationError(provider, "expiresAfterSeconds", `expected a whole number of seconds from ${expiry.minSeconds} ${upTo}, got ${describe(value)}`);
  }
  if (expiry.stepSeconds && value % expiry.stepSeconds !== 0) {
    throw new ValidationError(provider, "expiresAfterSeconds", `${provider} takes expiry in steps of ${expiry.stepSeconds} s: pass a multiple of ${expiry.stepSeconds}, got ${value}`);
  }
}

/** The provider's Files operations, as the facade calls them. */
type AnyFiles = Record<string, (...args: any[]) => any>;

/** The facade's operations over a profile and the provider's Files operations: those the profile offers. */
export function operations(profile: Profile, f: AnyFiles): Partial<AllOperations<ProviderName>> {
  const P = profile.name;
  const ops = profile.operations;
  const info = (raw: unknown) => toFileInfo(profile, raw) as FileInfo<ProviderName>;
  const out: Partial<AllOperations<ProviderName>> = {};
  if (ops.upload) {
    out.upload = async (params) => {
      const { expiresAfterSeconds: seconds, onRecovery, ...rest } = params as typeof params & { expiresAfterSeconds?: number };
      checkExpiry(P, profile.expiry, seconds);
      // A copy found by listing is told as a FileInfo, like every file the facade hands out.
      const told = typeof onRecovery === "function" ? (step: ClientRecovery) => onRecovery(step.kind === "found" ? { ...step, file: info(step.file) } : step) : onRecovery;
      return info(await f.upload({ ...rest, onRecovery: told, ...(seconds === undefined ? {} : profile.expiry!.params(seconds)) }));
    };
  }
  const list = ops.list;
  if (list) {
    const server = list.purpose;
    /** The client's list query for the facade's options, and whether the purpose is filtered here. */
    const queryOf = (o: ListOptions<ProviderName>) => {
      const { purpose, pageSize, ...call } = o;
      if (purpose !== undefined) checkPurpose(P, purpose, profile.purposes.list);
      const query = { ...call, ...(list.paging ? sizeQuery(list.paging, pageSize) : {}), ...(server && purpose !== undefined ? { purpose } : {}) };
      // No server filter: filter here, once the purpose is known to be one a file can have.
      const keep = (file: FileInfo<ProviderName>) => server !== undefined || purpose === undefined || file.purpose === purpose;
      return { query, keep, merge: server?.required === true && purpose === undefined, call };
    };
    /** The provider lists one purpose at a time: list them all and merge, newest first. */
    const merged = async (call: Record<string, unknown>) => {
      const all = await Promise.all(profile.purposes.list.map((p) => f.list({ ...call, purpose: p }) as Promise<unknown[]>));
      return all.flat().map(info).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    };
    out.iterate = async function* (o: ListOptions<ProviderName> = {}) {
      const { query, keep, merge, call } = queryOf(o);
      if (merge) {
        yield* await merged(call);
        return;
      }
      for await (const raw of f.iterate(query) as AsyncIterable<unknown>) {
        const file = info(raw);
        if (keep(file)) yield file;
      }
    };
    // Every page at once: the client's list, no walk one file at a time.
    out.list = async (o: ListOptions<ProviderName> = {}) => {
      const { query, keep, merge, call } = queryOf(o);
      if (merge) return merged(call);
      const files: FileInfo<ProviderName>[] = [];
      for (const raw of (await f.list(query)) as unknown[]) {
        const file = info(raw);
        if (keep(file)) files.push(file);
      }
      return files;
    };
  }
  if (ops.retrieve) out.retrieve = async (id, call) => info(await f.retrieve(id, call));
  if (ops.content) {
    const downloadable = profile.file.downloadable;
    out.content = async (file, call) => {
      const id = typeof file === "object" && file !== null ? file.id : file;
      // A FileInfo says whether its content can be had: no request for one that says no. (Given
      // an id, the client says so after the provider refuses: core's content.)
      const raw: unknown = typeof file === "object" && file !== null ? file.raw : undefined;
      if (downloadable && isRecord(raw) && raw[downloadable] === false) throw notDownloadableError(profile, id);
      return f.content(id, call);
    };
  }
  const del = ops.delete;
  if (del) {
    out.delete = async (id, o = {}) => {
      const { purpose, ...call } = o as { purpose?: unknown };
      let answer: Record<string, unknown>;
      if (del.purpose) {
        const allowed = profile.purposes.delete ?? [];
        let p: unknown = purpose;
        if (p !== undefined) checkPurpose(P, p, allowed);
        else {
          // Delete needs the purpose: ask the provider for the file's own, never guess one.
          const file = (await f.retrieve(id, call)) as Record<string, unknown>;
          p = profile.file.purpose === undefined ? undefined : file[profile.file.purpose];
          if (typeof p !== "string" || !allowed.includes(p)) {
            throw new ValidationError(P, "purpose", `file ${id} reports purpose ${JSON.stringify(p)}, which ${profile.label}'s delete does not take: pass { purpose } (one of ${allowed.join(", ")})`);
          }
        }
        answer = await f.delete(id, { ...call, purpose: p });
      } else answer = await f.delete(id, call);
      // { deleted: true } is a promise: a provider that answers deleted: false kept the file.
      const deleted = del.result.deleted;
      if (deleted && answer[deleted] !== true) throw new ServerError({ provider: P, message: `${P}: the delete of ${id} was answered with ${deleted}: ${JSON.stringify(answer[deleted])}; the file may still exist`, retryable: false });
      const answeredId = answer[del.result.id ?? profile.file.id];
      return { id: answeredId === undefined || answeredId === null || answeredId === "" ? id : String(answeredId), deleted: true };
    };
  }
  const retrieve = out.retrieve;
  if (retrieve) out.waitUntilReady = (id, o) => waitUntilReady(P as ProviderName, retrieve, id, o);
  return out;
}
