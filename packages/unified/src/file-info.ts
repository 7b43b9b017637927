// Provider objects -> FileInfo. Whatever a provider sends, the result has the documented
// field types, or a ServerError says which field was wrong: never a half-made FileInfo.
import { ServerError, isRecord } from "@llm-files/core";
import type { FileInfo, ProviderName, ProviderTypes } from "./types.js";

export interface FileFields {
  id: unknown;
  filename: unknown;
  bytes: unknown;
  createdAt: unknown;
  purpose: unknown;
  status?: unknown;
  expiresAt?: unknown;
  downloadUrl?: unknown;
  /** The provider may answer `bytes: null` (size unknown): kept as null rather than refused. */
  nullableBytes?: boolean;
}

function bad(provider: string, field: string, value: unknown): ServerError {
  const shown = value === undefined ? "nothing" : JSON.stringify(value)?.slice(0, 60);
  return new ServerError({ provider, message: `${provider}: unexpected file object: ${field} is ${shown}`, retryable: false });
}

function seconds(provider: string, field: string, value: unknown): Date {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) throw bad(provider, field, value);
  const d = new Date(n * 1000);
  if (Number.isNaN(d.getTime())) throw bad(provider, field, value);
  return d;
}

export function toFileInfo<P extends ProviderName>(provider: P, raw: unknown, pick: (raw: Record<string, unknown>) => FileFields): FileInfo<P> {
  if (!isRecord(raw)) throw bad(provider, "the file", raw);
  const f = pick(raw);
  const id = typeof f.id === "number" && Number.isSafeInteger(f.id) ? String(f.id) : f.id;
  if (typeof id !== "string" || id === "") throw bad(provider, "id", f.id);
  if (typeof f.filename !== "string") throw bad(provider, "filename", f.filename);
  const bytes = typeof f.bytes === "string" && /^\d+$/.test(f.bytes) ? Number(f.bytes) : f.bytes;
  if (!(bytes === null && f.nullableBytes) && (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes < 0)) throw bad(provider, "bytes", f.bytes);
  if (typeof f.purpose !== "string") throw bad(provider, "purpose", f.purpose);
  const info: FileInfo<P> = {
    id,
    provider,
    filename: f.filename,
    bytes: bytes as FileInfo<P>["bytes"],
    createdAt: seconds(provider, "created_at", f.createdAt),
    purpose: f.purpose,
    raw: raw as ProviderTypes[P]["raw"],
  };
  if (f.status !== undefined && f.status !== null) {
    if (typeof f.status !== "string") throw bad(provider, "status", f.status);
    info.status = f.status;
  }
  if (f.expiresAt !== undefined && f.expiresAt !== null) info.expiresAt = seconds(provider, "expires_at", f.expiresAt);
  if (f.downloadUrl !== undefined && f.downloadUrl !== null && f.downloadUrl !== "") {
    if (typeof f.downloadUrl !== "string") throw bad(provider, "download_url", f.downloadUrl);
    info.downloadUrl = f.downloadUrl;
  }
  return info;
}
