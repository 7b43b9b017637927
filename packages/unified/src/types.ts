// The one file model and the per-provider typing of the facade, read off the registry: a
// provider's purposes, states, expiry and operations come from its package's types.
import type { CallOptions, ClientOptions, FileInput, FileState, OutcomeUnknownError, ProviderTypes as ClientTypes, UploadProgress, UploadRecovery as ClientRecovery } from "@llm-files/core/profile";
import type { ProviderName, RegistryTypes } from "@llm-files/registry";

export type { FileState, ProviderName };

export type Operation = "upload" | "list" | "iterate" | "retrieve" | "content" | "delete" | "waitUntilReady";

/** The facade's operations for a client's: list gives iterate, retrieve gives waitUntilReady. */
type FacadeOps<O> = O | (O extends "list" ? "iterate" : never) | (O extends "retrieve" ? "waitUntilReady" : never);

/** What the facade knows of a provider, from its client's types. */
export interface FacadeTypes<T extends ClientTypes> {
  raw: T["file"] | T["listed"] | T["uploaded"];
  uploadPurpose: T["uploadPurpose"];
  listPurpose: T["listPurpose"];
  deletePurpose: T["deletePurpose"];
  ops: FacadeOps<T["ops"]>;
  /** FileState where the provider reports a status (else never: `state` is then always undefined). */
  states: T["states"];
  /** True where upload takes `expiresAfterSeconds` (else the parameter is `never`). */
  expiry: T["expiry"];
  /** `number`, or `number | null` where the provider may not say (Mistral answers `bytes: null`). */
  bytes: T["bytes"];
  /** Options of upload only this provider takes (OpenAI's uploads in parts). */
  uploadOptions: T["uploadOptions"];
}

/** What each provider offers, as the registry says: a new provider is typed here by adding it there. */
export type ProviderTypes = { [P in ProviderName]: FacadeTypes<RegistryTypes[P]> };



/** A file's purpose: the provider's (or another it sends), undefined where its files have none. */
type PurposeOf<P extends ProviderName> = [ProviderTypes[P]["listPurpose"] | ProviderTypes[P]["uploadPurpose"]] extends [never] ? undefined : ProviderTypes[P]["listPurpose"] | ProviderTypes[P]["uploadPurpose"] | (string & {});

/** One file, whichever provider holds it. */
export interface FileInfo<P extends ProviderName = ProviderName> {
  /** The provider's id; MiniMax's int64 ids as exact decimal strings. */
  id: string;
  provider: P;
  filename: string;
  /** The size in bytes; `null` where the provider does not say (Mistral answers `bytes: null`). */
  bytes: ProviderTypes[P]["bytes"];
  createdAt: Date;
  /** The file's purpose; `undefined` where the provider's files have none (Anthropic, Gemini). */
  purpose: PurposeOf<P>;
  /** The provider's raw processing status, where it reports one (Moonshot: "ok", "ready", ...). */
  status?: string;
  /**
   * `status` read as a FileState where the value is one the provider documents; undefined
   * where the provider reports no status, or a value llm-files does not know (never a guess).
   */
  state?: ProviderTypes[P]["states"];
  /** The provider's words on the status (Moonshot's status_details), when non-empty. */
  statusDetails?: string;
  /** When the provider will delete the file (Novita output files; an upload's expiresAfterSeconds). */
  expiresAt?: Date;
  /** Where to fetch the bytes (MiniMax retrieve). */
  downloadUrl?: string;
  /** The provider's own object, untouched. */
  raw: ProviderTypes[P]["raw"];
}

export interface CreateFilesOptions<P extends ProviderName> extends ClientOptions {
  provider: P;
}

export interface UploadFileParams<P extends ProviderName> extends CallOptions {
  /** A path on disk, a Blob/File, bytes, or a ReadableStream (then `filename` is required). */
  file: FileInput;
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
  /** Seconds after which the provider deletes the file, where it offers expiry (`never` where it does not). */
  expiresAfterSeconds?: ProviderTypes[P]["expiry"] extends true ? number : never;
  /**
   * After an upload whose outcome is unknown (OutcomeUnknownError: sent whole, then no answer),
   * list the files: the one stored copy (same name and size, created since the upload started)
   * is the result; with none, the file is sent again; with several, nothing is sent and the
   * error names them. Off by default. A stream is never sent twice.
   */
  reconcile?: boolean;
  /** Told each step taken to recover the upload: a retry (it was not stored), a copy found by listing, a resend. */
  onRecovery?: (step: UploadRecovery<P>) => void;
}

/** An upload: the file, and its purpose where the provider's files have one (none for Anthropic and Gemini). */
export type UploadParams<P extends ProviderName> = UploadFileParams<P> &
  ([ProviderTypes[P]["uploadPurpose"]] extends [never] ? { purpose?: undefined } : { purpose: ProviderTypes[P]["uploadPurpose"] });

/** A step taken to recover an upload: as the provider package reports it, with a found copy as a FileInfo. */
export type UploadRecovery<P extends ProviderName = ProviderName> = Exclude<ClientRecovery, { kind: "found" }> | { error: OutcomeUnknownError; file: FileInfo<P>; kind: "found" };

/**
 * Upload options only some providers take: OpenAI sends files above `multipartThresholdBytes`
 * (default 512 MiB) through its Uploads API in parts of `partSizeBytes` (default 64 MiB).
 */
export type ProviderUploadOptions<P extends ProviderName> = ProviderTypes[P]["uploadOptions"];

export interface ListOptions<P extends ProviderName> extends CallOptions {
  /** Only files of this purpose. MiniMax without it: every listable purpose, merged. */
  purpose?: ProviderTypes[P]["listPurpose"];
  /**
   * Files per request where the provider pages its list (OpenAI `limit`, Mistral `page_size`);
   * the provider's default when absent. Providers without pagination answer in one request and
   * do not use it.
   */
  pageSize?: number;
}

export interface WaitOptions {
  /** Give up with a TimeoutError after this many milliseconds in all (default 600,000: 10 minutes). */
  timeoutMs?: number;
  /** The first pause between polls (default 1,000 ms); each next one is 1.5 times longer, up to max(intervalMs, 10,000). */
  intervalMs?: number;
  /** Stops waiting at once; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface DeleteOptions<P extends ProviderName> extends CallOptions {
  /** MiniMax needs the file's purpose to delete it; without it, it is looked up (never guessed). */
  purpose?: ProviderTypes[P]["deletePurpose"];
}

export interface AllOperations<P extends ProviderName> {
  upload(params: UploadParams<P> & ProviderUploadOptions<P>): Promise<FileInfo<P>>;
  /** Every file, following the provider's pagination where it has any. */
  list(options?: ListOptions<P>): Promise<FileInfo<P>[]>;
  /** Every file, one page fetched at a time as they are consumed (break early: fewer requests). */
  iterate(options?: ListOptions<P>): AsyncIterable<FileInfo<P>>;
  retrieve(id: string, options?: CallOptions): Promise<FileInfo<P>>;
  /**
   * The file's content as a streaming Response (text for Moonshot, JSONL for Novita, bytes for
   * MiniMax). Given a FileInfo whose provider says it cannot be downloaded (Anthropic's
   * `downloadable: false`), it rejects with UnsupportedError before any request; given an id,
   * a refusal of such a file becomes the same UnsupportedError.
   */
  content(file: string | FileInfo<P>, options?: CallOptions): Promise<Response>;
  delete(id: string, options?: DeleteOptions<P>): Promise<{ id: string; deleted: true }>;
  /**
   * Polls retrieve until the file is ready: resolves with it, rejects with FileProcessingError
   * when it failed, TimeoutError past timeoutMs, the signal's reason when aborted. Where the
   * provider reports no status (Novita, MiniMax) there is nothing to wait for: it resolves
   * after one retrieve (which also says the file exists).
   */
  waitUntilReady(id: string, options?: WaitOptions): Promise<FileInfo<P>>;
}

export type Files<P extends ProviderName> = Pick<AllOperations<P>, ProviderTypes[P]["ops"]> & {
  readonly provider: P;
};
