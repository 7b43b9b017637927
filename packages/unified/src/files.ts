// createFiles: one API over every provider in the registry. The facade is one set of
// operations over a provider's profile (data: where the purpose goes, which pages, which
// states, which expiry) and its package's client, which is loaded on the first call:
// creating the facade loads the profile only, and checks the options against it.
import { ServerError, UnsupportedError, ValidationError, checkClientOptions, isRecord, notDownloadableError, checkPurpose, collect, describe, resolveBaseUrl, sizeQuery, type ClientOptions, type Expiry, type Profile, type ProviderModule } from "@llm-files/core/profile";
import { PROVIDERS, providerOf } from "@llm-files/registry";
import { toFileInfo } from "./file-info.js";
import { waitUntilReady } from "./wait.js";
import type { AllOperations, CreateFilesOptions, FileInfo, Files, ListOptions, Operation, ProviderName } from "./types.js";

const OPERATIONS: readonly Operation[] = ["upload", "list", "iterate", "retrieve", "content", "delete", "waitUntilReady"];

export function createFiles<P extends ProviderName>(options: CreateFilesOptions<P>): Files<P> {
  if (options === null || typeof options !== "object") {
    throw new ValidationError("unified", "options", `expected { provider, ... }, got ${describe(options)}`);
  }
  const { provider, ...clientOptions } = options;
  const module = providerOf(provider);
  if (!module) throw new ValidationError("unified", "provider", `${describe(provider)} is not a supported provider: use one of ${PROVIDERS.join(", ")}`);
  return filesFromProvider(module, clientOptions) as unknown as Files<P>;
}

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

/** Options must be objects: a string where { signal } belongs is a mistake to name. */
function checkOptions(provider: string, op: Operation, args: unknown[]): void {
  if (op === "content" && (args[0] === null || (typeof args[0] !== "string" && typeof args[0] !== "object"))) {
    throw new ValidationError(provider, "fileId", `expected a file id string or a FileInfo, got ${describe(args[0])}`);
  }
  const opts = op === "upload" || op === "list" || op === "iterate" ? args[0] : args[1];
  if (opts !== undefined && (opts === null || typeof opts !== "object")) {
    throw new ValidationError(provider, op === "upload" ? "params" : "options", `expected an object, got ${describe(opts)}`);
  }
  const pageSize = (opts as { pageSize?: unknown } | undefined)?.pageSize;
  if ((op === "list" || op === "iterate") && pageSize !== undefined && (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1)) {
    throw new ValidationError(provider, "pageSize", `expected a whole number of files per request, 1 or more, got ${describe(pageSize)}`);
  }
}

type AnyFiles = Record<string, (...args: any[]) => any>;

/** The facade's operations over a profile and a client (loaded when first needed). */
function operations(profile: Profile, client: () => Promise<AnyFiles>): Partial<AllOperations<ProviderName>> {
  const P = profile.name;
  const ops = profile.operations;
  const info = (raw: unknown) => toFileInfo(profile, raw) as FileInfo<ProviderName>;
  const out: Partial<AllOperations<ProviderName>> = {};
  if (ops.upload) {
    out.upload = async (params) => {
      const { expiresAfterSeconds: seconds, ...rest } = params as typeof params & { expiresAfterSeconds?: number };
      checkExpiry(P, profile.expiry, seconds);
      const f = await client();
      return info(await f.upload(seconds === undefined ? rest : { ...rest, ...profile.expiry!.params(seconds) }));
    };
  }
  const list = ops.list;
  if (list) {
    const server = list.purpose;
    const iterate = async function* (o: ListOptions<ProviderName> = {}) {
      const { purpose, pageSize, ...call } = o;
      if (purpose !== undefined) checkPurpose(P, purpose, profile.purposes.list);
      const f = await client();
      if (server?.required && purpose === undefined) {
        // The provider lists one purpose at a time: list them all and merge, newest first.
        const all = await Promise.all(profile.purposes.list.map((p) => f.list({ ...call, purpose: p }) as Promise<unknown[]>));
        yield* all.flat().map(info).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
        return;
      }
      const query = { ...call, ...(list.paging ? sizeQuery(list.paging, pageSize) : {}), ...(server && purpose !== undefined ? { purpose } : {}) };
      for await (const raw of f.iterate(query) as AsyncIterable<unknown>) {
        const file = info(raw);
        // No server filter: filter here, once the purpose is known to be one a file can have.
        if (server || purpose === undefined || file.purpose === purpose) yield file;
      }
    };
    out.iterate = iterate;
    out.list = (o) => collect(iterate(o));
  }
  if (ops.retrieve) out.retrieve = async (id, call) => info(await (await client()).retrieve(id, call));
  if (ops.content) {
    const downloadable = profile.file.downloadable;
    out.content = async (file, call) => {
      const id = typeof file === "object" && file !== null ? file.id : file;
      // A FileInfo says whether its content can be had: no request for one that says no. (Given
      // an id, the client says so after the provider refuses: core's content.)
      const raw: unknown = typeof file === "object" && file !== null ? file.raw : undefined;
      if (downloadable && isRecord(raw) && raw[downloadable] === false) throw notDownloadableError(profile, id);
      return (await client()).content(id, call);
    };
  }
  const del = ops.delete;
  if (del) {
    out.delete = async (id, o = {}) => {
      const { purpose, ...call } = o as { purpose?: unknown };
      const f = await client();
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

/**
 * The facade over any provider module (one of the registry's, or one being written): the
 * options are checked against its profile now, its client is loaded on the first call, and an
 * operation it lacks rejects with UnsupportedError.
 */
export function filesFromProvider<P extends ProviderName = ProviderName>(module: ProviderModule, clientOptions: ClientOptions = {}): Files<P> {
  const profile = module.profile;
  const provider = profile.name;
  checkClientOptions(profile, clientOptions);
  // The base URL from the environment too, as a provider client checks it at creation: a bad
  // *_BASE_URL fails here, not at the first call (the variable is read only when no baseUrl is given).
  if (clientOptions.baseUrl === undefined) resolveBaseUrl(profile, clientOptions);
  let loaded: Promise<AnyFiles> | undefined;
  const client = () => (loaded ??= module.client().then((create) => create(clientOptions).files as unknown as AnyFiles));
  const ops = operations(profile, client);
  const files: Record<string, unknown> = { provider };
  for (const op of OPERATIONS) {
    const impl = ops[op] as ((...args: unknown[]) => unknown) | undefined;
    const unsupported = () => new UnsupportedError({ provider, message: `${provider} has no ${op} operation` });
    if (op === "iterate") {
      // An AsyncIterable at once; any error (bad options included) surfaces on the first next().
      files[op] = async function* (...args: unknown[]) {
        if (!impl) throw unsupported();
        checkOptions(provider, op, args);
        yield* impl(...args) as AsyncIterable<unknown>;
      };
      continue;
    }
    files[op] = impl
      ? (...args: unknown[]) => {
          try {
            checkOptions(provider, op, args);
            return impl(...args);
          } catch (err) {
            return Promise.reject(err);
          }
        }
      : () => Promise.reject(unsupported());
  }
  Object.defineProperty(files, Symbol.for("nodejs.util.inspect.custom"), { value: () => `Files { provider: '${provider}', apiKey: '[redacted]' }` });
  Object.defineProperty(files, "toJSON", { value: () => ({ provider }) });
  return Object.freeze(files) as unknown as Files<P>;
}

export type { AllOperations };
