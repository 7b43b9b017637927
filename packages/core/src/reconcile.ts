// Reconciliation (opt-in, `upload({ ..., reconcile: true })`): after an upload whose outcome is
// unknown (its whole body was sent, then the connection dropped, no answer came, a gateway
// answered 502/504), list the files and settle it. Exactly one stored file with the upload's
// name and size, created since the upload started: that is the upload's, returned as the list
// shows it. None: nothing was stored, so the file is sent again (a path, Blob or bytes; a stream
// cannot be read twice). More than one: llm-files cannot tell which is this upload's, so it sends
// nothing and says which ones match. An upload is never sent again while a stored copy is seen.
import { OutcomeUnknownError, ValidationError, type FilesError } from "./errors.js";
import { isRecord } from "./shape.js";
import { describe } from "./validate.js";
import type { CallOptions } from "./exchange.js";
import type { FileFields, Profile } from "./profile.js";

/**
 * What happened on the way to an upload's result, for a caller that reports it (the CLI does).
 * (Each member's fields in alphabetical order: TypeScript prints them so from declarations, and
 * the API report orders a union's objects by their text.)
 */
export type UploadRecovery =
  /** The upload is sent again: the provider cannot have stored it (cut while being sent, answered before its body was read, refused unprocessed). */
  | { attempt: number; error: FilesError; kind: "retry" }
  /** The outcome was unknown; listing found the one stored copy, which is the upload's result. */
  | { error: OutcomeUnknownError; file: unknown; kind: "found" }
  /** The outcome was unknown; listing found no stored copy, so the file is sent again. */
  | { error: OutcomeUnknownError; kind: "resend" };

/** Rounds of list-then-send-again after the first upload (each one only after a list showed nothing stored). */
export const MAX_RESENDS = 2;

/** The list call reconciliation makes: every file of the upload's purpose (where the provider filters by purpose). */
export type ListFiles = (options: CallOptions & { purpose?: string }) => Promise<unknown[]>;

/**
 * Checks an upload's recovery options before anything is sent: `reconcile` a boolean, and a
 * provider whose list can show the stored copy; `onRecovery` a function. True: reconcile.
 */
export function checkRecovery(profile: Profile, params: { reconcile?: unknown; onRecovery?: unknown }, purpose: string | undefined): boolean {
  const P = profile.name;
  const { reconcile, onRecovery } = params;
  const on = reconcile !== undefined && reconcile !== false;
  if (on) {
    if (reconcile !== true) throw new ValidationError(P, "reconcile", `expected true or false, got ${describe(reconcile)}`);
    const list = profile.operations.list;
    if (!list) throw new ValidationError(P, "reconcile", `${P} has no list operation to find a stored copy with: remove reconcile`);
    if (list.purpose?.required && (purpose === undefined || !profile.purposes.list.includes(purpose))) {
      throw new ValidationError(P, "reconcile", `${P} lists files by purpose, and ${describe(purpose)} is not one it lists (${profile.purposes.list.join(", ")}): remove reconcile`);
    }
  }
  if (onRecovery !== undefined && typeof onRecovery !== "function") throw new ValidationError(P, "onRecovery", `expected a function, got ${describe(onRecovery)}`);
  return on;
}

/** A file object's time field as ms since the epoch (seconds or RFC 3339, as the profile writes them), or undefined. */
function timeOf(value: unknown, form: FileFields["time"]): number | undefined {
  if (form === "rfc3339") {
    const t = typeof value === "string" ? Date.parse(value) : NaN;
    return Number.isNaN(t) ? undefined : t;
  }
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n * 1000 : undefined;
}

/** The stored files that can be this upload's: same name, same size (or a size the provider does not say), created since it started (to the second). */
export function storedCopies(profile: Profile, files: unknown[], upload: { filename: string; bytes?: number; startedAt: Date }): unknown[] {
  const f = profile.file;
  const since = Math.floor(upload.startedAt.getTime() / 1000) * 1000;
  return files.filter((file) => {
    if (!isRecord(file) || file[f.filename] !== upload.filename) return false;
    const raw = file[f.bytes];
    const bytes = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (upload.bytes !== undefined && !(bytes === null || bytes === undefined) && bytes !== upload.bytes) return false;
    const created = timeOf(file[f.createdAt], f.time);
    return created !== undefined && created >= since;
  });
}

/**
 * Runs `send` (one upload, with the policy's own retries), and settles an unknown outcome by
 * listing, as the top of this file says. `replayable`: the file can be read again.
 */
export async function reconciled<T>(
  profile: Profile,
  opts: { purpose: string | undefined; replayable: boolean; call: CallOptions; onRecovery?: (step: UploadRecovery) => void },
  send: () => Promise<T>,
  list: ListFiles,
): Promise<T> {
  let first: OutcomeUnknownError | undefined;
  for (let round = 0; ; round++) {
    let unknown: OutcomeUnknownError;
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError)) throw err;
      unknown = err;
    }
    // Copies are looked for since the first attempt started: one stored then, and seen only now, is a match too.
    first ??= unknown;
    const listPurpose = profile.operations.list?.purpose && opts.purpose !== undefined && profile.purposes.list.includes(opts.purpose) ? { purpose: opts.purpose } : {};
    const { signal, timeoutMs, maxRetries } = opts.call;
    const matches = storedCopies(profile, await list({ signal, timeoutMs, maxRetries, ...listPurpose }), { filename: unknown.filename, bytes: unknown.bytes, startedAt: first.startedAt });
    const P = profile.name;
    const idOf = (file: unknown) => String((file as Record<string, unknown>)[profile.file.id]);
    if (matches.length === 1) {
      opts.onRecovery?.({ kind: "found", error: unknown, file: matches[0] });
      return matches[0] as T;
    }
    const again = (message: string, more: { matches?: string[] } = {}) =>
      new OutcomeUnknownError({ provider: P, status: unknown.status, requestId: unknown.requestId, url: unknown.url, cause: unknown, filename: unknown.filename, bytes: unknown.bytes, startedAt: first!.startedAt, ...more, message: `${P}: ${message}` });
    if (matches.length > 1) {
      throw again(`the upload of "${unknown.filename}" ended with its outcome unknown, and ${matches.length} stored files match it (same name and size, created since ${first.startedAt.toISOString()}: ${matches.map(idOf).join(", ")}): llm-files cannot tell which one is this upload's, so it sent nothing again; keep one and delete the others`, { matches: matches.map(idOf) });
    }
    if (!opts.replayable) throw again(`the upload of "${unknown.filename}" ended with its outcome unknown, and ${P} lists no stored copy; a stream can be read only once, so it was not sent again: upload it again from a path, Blob or bytes`);
    if (round >= MAX_RESENDS) throw again(`the upload of "${unknown.filename}" ended with its outcome unknown ${round + 1} times, and ${P} lists no stored copy: gave up; check the network and upload it again`);
    opts.onRecovery?.({ kind: "resend", error: unknown });
  }
}
