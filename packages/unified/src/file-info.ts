// Provider objects -> FileInfo, by the profile's field names. Whatever a provider sends, the
// result has the documented field types, or a ServerError says which field was wrong: never a
// half-made FileInfo.
import { ServerError, isRecord, type FileFields, type FileState, type Profile, type StatusTable } from "@llm-files/core";
import type { FileInfo, ProviderName, ProviderTypes } from "./types.js";

/** A raw status read as a FileState, only where the table lists it (never a guess). */
export function stateOf(status: unknown, table: StatusTable): FileState | undefined {
  if (typeof status !== "string") return undefined;
  return (Object.keys(table) as FileState[]).find((s) => table[s].includes(status));
}

function bad(provider: string, field: string, value: unknown): ServerError {
  const shown = value === undefined ? "nothing" : JSON.stringify(value)?.slice(0, 60);
  return new ServerError({ provider, message: `${provider}: unexpected file object: ${field} is ${shown}`, retryable: false });
}

/** A time as the profile writes them: seconds since the epoch, or RFC 3339 text. */
function time(provider: string, field: string, value: unknown, form: FileFields["time"]): Date {
  if (form === "rfc3339") {
    const d = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
    if (!d || Number.isNaN(d.getTime())) throw bad(provider, field, value);
    return d;
  }
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) throw bad(provider, field, value);
  const d = new Date(n * 1000);
  if (Number.isNaN(d.getTime())) throw bad(provider, field, value);
  return d;
}

export function toFileInfo<P extends ProviderName>(profile: Profile, raw: unknown): FileInfo<P> {
  const provider = profile.name;
  const names = profile.file;
  if (!isRecord(raw)) throw bad(provider, "the file", raw);
  // A field name, or a dotted path into the object ("error.message").
  const pick = (name: string | undefined): unknown => {
    if (name === undefined) return undefined;
    if (name in raw || !name.includes(".")) return raw[name];
    let v: unknown = raw;
    for (const key of name.split(".")) v = isRecord(v) ? v[key] : undefined;
    return v;
  };
  // proto3 JSON leaves out fields at their zero value: an absent size is 0, an absent name "".
  const zero = names.omitsZeroValues === true;
  const rawId = pick(names.id);
  const id = typeof rawId === "number" && Number.isSafeInteger(rawId) ? String(rawId) : rawId;
  if (typeof id !== "string" || id === "") throw bad(provider, names.id, rawId);
  const orZero = (v: unknown, zeroValue: unknown) => (v === undefined && zero ? zeroValue : v);
  const filename = orZero(pick(names.filename), "");
  if (typeof filename !== "string") throw bad(provider, names.filename, filename);
  const rawBytes = orZero(pick(names.bytes), 0);
  const bytes = typeof rawBytes === "string" && /^\d+$/.test(rawBytes) ? Number(rawBytes) : rawBytes;
  if (!(bytes === null && names.bytesNullable) && (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes < 0)) throw bad(provider, names.bytes, rawBytes);
  // A provider whose files have no purpose names no purpose field: the FileInfo has none either.
  const purpose = pick(names.purpose);
  if (names.purpose !== undefined && typeof purpose !== "string") throw bad(provider, names.purpose, purpose);
  const info: FileInfo<P> = {
    id,
    provider: provider as P,
    filename,
    bytes: bytes as FileInfo<P>["bytes"],
    createdAt: time(provider, names.createdAt, pick(names.createdAt), names.time),
    purpose: purpose as FileInfo<P>["purpose"],
    raw: raw as ProviderTypes[P]["raw"],
  };
  const status = pick(names.status);
  if (status !== undefined && status !== null) {
    if (typeof status !== "string") throw bad(provider, names.status!, status);
    info.status = status;
    const state = profile.states && stateOf(status, profile.states);
    if (state !== undefined) info.state = state as ProviderTypes[P]["states"];
  }
  const details = pick(names.statusDetails);
  if (typeof details === "string" && details !== "") info.statusDetails = details;
  const expires = pick(names.expiresAt);
  if (expires !== undefined && expires !== null) info.expiresAt = time(provider, names.expiresAt!, expires, names.time);
  const url = pick(names.downloadUrl);
  if (url !== undefined && url !== null && url !== "") {
    if (typeof url !== "string") throw bad(provider, names.downloadUrl!, url);
    info.downloadUrl = url;
  }
  return info;
}
