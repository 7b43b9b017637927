// The one file model and the per-provider typing of the facade.
import type { CallOptions, ClientOptions, FileInput, UploadInPartsOptions, UploadProgress } from "@llm-files/core";
import type * as Moonshot from "@llm-files/moonshot";
import type * as Novita from "@llm-files/novita";
import type * as Minimax from "@llm-files/minimax";
import type * as OpenAI from "@llm-files/openai";
import type * as Mistral from "@llm-files/mistral";

export type Operation = "upload" | "list" | "retrieve" | "content" | "delete";

/**
 * What each provider offers. A fourth provider adds an entry here and an adapter in
 * adapters/. `ops` lists the operations it has: the others are absent from its type and
 * throw UnsupportedError at run time.
 */
export interface ProviderTypes {
  moonshot: { raw: Moonshot.FileObject; uploadPurpose: Moonshot.UploadPurpose; listPurpose: Moonshot.Purpose; deletePurpose: never; ops: Operation };
  novita: { raw: Novita.FileObject; uploadPurpose: Novita.UploadPurpose; listPurpose: Novita.Purpose; deletePurpose: never; ops: Operation };
  minimax: {
    raw: Minimax.FileObject | Minimax.RetrievedFile;
    uploadPurpose: Minimax.UploadPurpose;
    listPurpose: Minimax.ListPurpose;
    deletePurpose: Minimax.DeletePurpose;
    ops: Operation;
  };
  openai: { raw: OpenAI.FileObject; uploadPurpose: OpenAI.UploadPurpose; listPurpose: OpenAI.Purpose; deletePurpose: never; ops: Operation };
  /** Mistral's answers carry `bytes: null` (spec override mistral-bytes-nullable): the size may be unknown. */
  mistral: { raw: Mistral.FileObject | Mistral.UploadedFile; uploadPurpose: Mistral.UploadPurpose; listPurpose: Mistral.Purpose; deletePurpose: never; ops: Operation; bytes: number | null };
}

export type ProviderName = keyof ProviderTypes;

/** One file, whichever provider holds it. */
export interface FileInfo<P extends ProviderName = ProviderName> {
  /** The provider's id; MiniMax's int64 ids as exact decimal strings. */
  id: string;
  provider: P;
  filename: string;
  /** The size in bytes; `null` where the provider does not say (Mistral answers `bytes: null`). */
  bytes: ProviderTypes[P] extends { bytes: infer B } ? B : number;
  createdAt: Date;
  purpose: ProviderTypes[P]["listPurpose"] | ProviderTypes[P]["uploadPurpose"] | (string & {});
  /** Processing status, where the provider reports one (Moonshot: "ok", "ready", ...). */
  status?: string;
  /** When the provider will delete the file (Novita output files). */
  expiresAt?: Date;
  /** Where to fetch the bytes (MiniMax retrieve). */
  downloadUrl?: string;
  /** The provider's own object, untouched. */
  raw: ProviderTypes[P]["raw"];
}

export interface CreateFilesOptions<P extends ProviderName> extends ClientOptions {
  provider: P;
}

export interface UploadParams<P extends ProviderName> extends CallOptions {
  /** A path on disk, a Blob/File, bytes, or a ReadableStream (then `filename` is required). */
  file: FileInput;
  filename?: string;
  purpose: ProviderTypes[P]["uploadPurpose"];
  onProgress?: (progress: UploadProgress) => void;
}

/**
 * Upload options only some providers take: OpenAI sends files above `multipartThresholdBytes`
 * (default 512 MiB) through its Uploads API in parts of `partSizeBytes` (default 64 MiB).
 */
export type ProviderUploadOptions<P extends ProviderName> = P extends "openai" ? UploadInPartsOptions : {};

export interface ListOptions<P extends ProviderName> extends CallOptions {
  /** Only files of this purpose. MiniMax without it: every listable purpose, merged. */
  purpose?: ProviderTypes[P]["listPurpose"];
}

export interface DeleteOptions<P extends ProviderName> extends CallOptions {
  /** MiniMax needs the file's purpose to delete it; without it, it is looked up (never guessed). */
  purpose?: ProviderTypes[P]["deletePurpose"];
}

export interface AllOperations<P extends ProviderName> {
  upload(params: UploadParams<P> & ProviderUploadOptions<P>): Promise<FileInfo<P>>;
  list(options?: ListOptions<P>): Promise<FileInfo<P>[]>;
  retrieve(id: string, options?: CallOptions): Promise<FileInfo<P>>;
  /** The file's content as a streaming Response (text for Moonshot, JSONL for Novita, bytes for MiniMax). */
  content(id: string, options?: CallOptions): Promise<Response>;
  delete(id: string, options?: DeleteOptions<P>): Promise<{ id: string; deleted: true }>;
}

export type Files<P extends ProviderName> = Pick<AllOperations<P>, ProviderTypes[P]["ops"]> & {
  readonly provider: P;
};
