// Gemini's uploads: Google's resumable protocol (the media upload URI, /upload/v1beta/files).
// `start` declares the file's length and type and answers an upload URL; the bytes follow in
// chunks, each with `upload` and the offset it starts at, the last with `upload, finalize`,
// which answers the File. After a failure (a cut connection, a timeout, a 5xx or a 429),
// `query` answers the size the server holds and the upload continues from there: bytes the
// server has are never sent again, and an upload is never restarted from zero behind the
// caller's back (a session that is gone, or a server that lost bytes it acknowledged, is an
// error saying so). Memory stays flat: one chunk is held at a time, read from the file (a path,
// a Blob, bytes or a stream) as the upload goes. Every request goes through core's request
// policy (key, timeouts, typed errors); the upload URL gets the key only on the provider's own origin.
import {
  FilesError,
  OutcomeUnknownError,
  ServerError,
  checkRecovery,
  reconciled,
  unknownOutcome,
  callerErrorIn,
  ValidationError,
  backoffMs,
  describe,
  expectObject,
  isRecord,
  prepareFile,
  responseShapeError,
  sleep,
  uploadPurpose,
  type CallOptions,
  type ListFiles,
  type PreparedFile,
  type Profile,
  type Reply,
  type RequestPolicy,
  type UploadFile,
} from "@llm-files/core";

/** Bytes per chunk by default: 8 MiB (Google's usual chunk granularity). */
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
/** Every chunk but the last is a multiple of this (Google's resumable protocol). */
export const CHUNK_GRANULARITY_BYTES = 256 * 1024;

export interface ResumableUploadOptions {
  /**
   * Bytes per request: a multiple of 256 KiB (the server's X-Goog-Upload-Chunk-Granularity, when
   * it names a larger one, rounds it up). Default 8 MiB. Memory holds one chunk at a time, and a
   * failed request costs at most one chunk of bytes sent again.
   */
  chunkSizeBytes?: number;
}

/** Checks a chunk size; a ValidationError naming the field. */
function checkChunkSize(provider: string, value: unknown): number {
  if (value === undefined) return DEFAULT_CHUNK_BYTES;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < CHUNK_GRANULARITY_BYTES || value % CHUNK_GRANULARITY_BYTES !== 0) {
    throw new ValidationError(provider, "chunkSizeBytes", `expected a whole multiple of 262144 (256 KiB), e.g. ${DEFAULT_CHUNK_BYTES} (8 MiB), got ${describe(value)}`);
  }
  return value;
}

/** The file's bytes in chunks of `size`, each flagged when it is the last; one buffer, reused. */
async function* chunksOf(file: PreparedFile, size: number): AsyncGenerator<{ bytes: Uint8Array; last: boolean }> {
  const buffer = new Uint8Array(size);
  let filled = 0;
  let pending: Uint8Array | undefined;
  const source = file.open(true)[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Fill the buffer; a piece that does not fit waits for the next chunk.
      while (filled < size) {
        const next = pending ?? (await source.next()).value;
        pending = undefined;
        if (next === undefined) break;
        const take = Math.min(size - filled, next.byteLength);
        buffer.set(next.subarray(0, take), filled);
        filled += take;
        if (take < next.byteLength) pending = next.slice(take);
      }
      // Look one piece ahead: a full buffer with nothing after it is the last chunk.
      if (filled === size && pending === undefined) {
        const next = await source.next();
        if (!next.done) pending = next.value.slice();
      }
      const last = pending === undefined;
      yield { bytes: buffer.subarray(0, filled), last };
      if (last) return;
      filled = 0;
    }
  } finally {
    await source.return?.(undefined);
  }
}

/** A failure the server may not have processed: ask it what it holds, and go on from there. */
const resumable = (err: unknown): err is FilesError => FilesError.isInstance(err) && err.retryable;

/** Lets go of a reply's body (answers to start, upload and query carry their news in headers). */
async function drained(reply: Reply): Promise<string> {
  return reply.stream ? new Response(reply.stream).text() : "";
}

export interface ResumableParams extends UploadFile, ResumableUploadOptions {
  purpose?: undefined;
}

/**
 * One file through the resumable protocol: start, chunks at offsets, finalize; a failed chunk
 * resumes from the size the server reports. Resolves with the File the server answers. When the
 * finalizing chunk's answer is lost and the server cannot say what it stored, an
 * OutcomeUnknownError; with `reconcile: true`, settled by listing (`list`: the client's list).
 */
export async function uploadResumable(policy: RequestPolicy, profile: Profile, params: ResumableParams, list?: ListFiles): Promise<Record<string, unknown>> {
  const P = profile.name;
  const route = profile.operations.upload;
  if (!route) throw new ValidationError(P, "upload", `${P} has no upload operation`);
  if (params === null || typeof params !== "object") throw new ValidationError(P, "params", `upload() takes { file, ... }, got ${describe(params)}`);
  uploadPurpose(profile, params.purpose);
  const chunkSize = checkChunkSize(P, params.chunkSizeBytes);
  const call: CallOptions = policy.checkCall({ signal: params.signal, timeoutMs: params.timeoutMs, maxRetries: params.maxRetries });
  if (params.onProgress !== undefined && typeof params.onProgress !== "function") throw new ValidationError(P, "onProgress", `expected a function, got ${typeof params.onProgress}`);
  const reconcile = checkRecovery(profile, params, undefined);
  const file = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: profile.limits.maxBytes, maxLabel: profile.limits.maxLabel, size: params.size });
  const maxRetries = call.maxRetries ?? policy.maxRetries;
  const once = () => session(policy, profile, params, file, call, chunkSize, maxRetries);
  if (!reconcile || !list) return once();
  return reconciled(profile, { purpose: undefined, replayable: file.replayable, call, onRecovery: params.onRecovery }, once, list);
}

/** One resumable session: start, the chunks, finalize. */
async function session(policy: RequestPolicy, profile: Profile, params: ResumableParams, file: PreparedFile, call: CallOptions, chunkSize: number, maxRetries: number): Promise<Record<string, unknown>> {
  const P = profile.name;
  const route = profile.operations.upload!;
  const startedAt = new Date();

  // start: the session, with the declared length (where the source knows it) and type.
  const startHeaders = new Headers({ "content-type": "application/json", "x-goog-upload-protocol": "resumable", "x-goog-upload-command": "start", "x-goog-upload-header-content-type": file.contentType });
  if (file.size !== undefined) startHeaders.set("x-goog-upload-header-content-length", String(file.size));
  const body = JSON.stringify({ file: { display_name: file.filename } });
  // A start repeated makes another session, never a second file: safe to retry.
  const started = await policy.send({ url: policy.baseUrl + route.path, method: "POST", headers: startHeaders, body: () => body, idempotent: true, expect: "stream" }, call);
  await drained(started);
  const location = started.headers.get("x-goog-upload-url");
  if (!location) throw responseShapeError(P, "an upload session (an X-Goog-Upload-URL header)", `${started.status} without one`);
  const sessionUrl = new URL(location, policy.baseUrl).href;
  const granularity = Number(started.headers.get("x-goog-upload-chunk-granularity") ?? CHUNK_GRANULARITY_BYTES);
  const size = Number.isSafeInteger(granularity) && granularity > chunkSize ? Math.ceil(chunkSize / granularity) * granularity : chunkSize;

  const send = (command: string, offset: number, bytes: Uint8Array, expect: "json" | "stream") =>
    policy.send(
      {
        url: sessionUrl,
        method: "POST",
        headers: new Headers({ "x-goog-upload-command": command, "x-goog-upload-offset": String(offset), "content-type": "application/octet-stream" }),
        body: () => bytes,
        // Never repeated by the policy (no retries for this call): after a failure the server
        // says what it holds (query). The chunk is held in memory, so a redirect is followed.
        idempotent: false,
        expect,
      },
      { ...call, maxRetries: 0 },
    );
  const query = async (): Promise<{ status: string; received: number; reply: Reply }> => {
    const reply = await policy.send({ url: sessionUrl, method: "POST", headers: new Headers({ "x-goog-upload-command": "query" }), idempotent: true, expect: "stream" }, call);
    const status = (reply.headers.get("x-goog-upload-status") ?? "").toLowerCase();
    const received = Number(reply.headers.get("x-goog-upload-size-received"));
    return { status, received, reply };
  };
  const cancel = () => void policy.send({ url: sessionUrl, method: "POST", headers: new Headers({ "x-goog-upload-command": "cancel" }), idempotent: true, expect: "stream" }, { maxRetries: 0, timeoutMs: 10_000 }).then(drained, () => undefined);
  const fileOf = (json: unknown): Record<string, unknown> => {
    const envelope = route.envelope;
    const id = profile.file.id;
    if (!envelope) return expectObject<Record<string, unknown>>(P, json, `a file object { ${id}, ... }`, [id]);
    const inner = expectObject<Record<string, unknown>>(P, json, `{ ${envelope}: { ${id}, ... } }`, [envelope])[envelope];
    if (!isRecord(inner) || inner[id] === undefined) throw responseShapeError(P, `{ ${envelope}: { ${id}, ... } }`, json);
    return inner;
  };
  const lost = (why: string, cause?: unknown) =>
    new ServerError({ provider: P, message: `${P}: the upload of ${file.filename} cannot go on: ${why}; it was not restarted: upload the file again`, retryable: false, url: sessionUrl, cause });
  // The finalizing chunk went out and the server cannot say what came of it: the file may be stored.
  const unknown = (happened: string, cause: unknown) => unknownOutcome({ provider: P, url: sessionUrl, cause }, { filename: file.filename, bytes: file.size }, startedAt, "sent its last chunk", happened);

  let offset = 0;
  try {
    for await (const chunk of chunksOf(file, size)) {
      const start = offset;
      const end = start + chunk.bytes.byteLength;
      // A source that yields more or fewer bytes than its size would be stored truncated (or refused at the end): say so first.
      if (file.size !== undefined && (end > file.size || (chunk.last && end !== file.size))) {
        throw new ValidationError(P, "file", `yielded ${chunk.last ? end : `more than ${file.size}`} bytes where its size is ${file.size}: the file changed while it was read`);
      }
      let at = start;
      let failures = 0;
      for (;;) {
        if (call.signal?.aborted) throw call.signal.reason;
        const command = chunk.last ? "upload, finalize" : "upload";
        try {
          const reply = await send(command, at, chunk.bytes.subarray(at - start), chunk.last ? "json" : "stream");
          if (chunk.last) {
            offset = end;
            params.onProgress?.({ loaded: end, total: file.size ?? end });
            return fileOf(reply.json);
          }
          await drained(reply);
          break;
        } catch (err) {
          if (!resumable(err)) throw err;
          // Out of retries: a chunk before the last fails as it is; after the last, the server is
          // asked once whether it stored the file (its answer may be what was lost).
          const exhausted = failures >= maxRetries;
          if (exhausted && !chunk.last) throw err;
          if (!exhausted) {
            failures++;
            await sleep(err.retryAfterMs ?? backoffMs(failures - 1), call.signal);
          }
          // What arrived? The server's word, never a guess.
          const q = await query().catch((e: unknown) => {
            throw chunk.last ? unknown(`its answer was lost (${err.message}) and the server could not be asked whether it stored the file`, e) : lost("the server could not be asked how much it holds", e);
          });
          if (q.status === "final") {
            // The finalizing request was processed; its answer was lost on the way back.
            const text = await drained(q.reply);
            if (!text) throw unknown("the server said the upload is final, but its answer (the file) never arrived", err);
            return fileOf(JSON.parse(text));
          }
          await drained(q.reply);
          // Still active after the last retry: the file was not stored.
          if (exhausted && q.status === "active") throw err;
          if (q.status !== "active") throw lost(`the upload session is ${q.status ? `"${q.status}"` : "gone"}`, err);
          if (!Number.isSafeInteger(q.received) || q.received < start || q.received > end) {
            throw lost(`the server holds ${Number.isSafeInteger(q.received) ? q.received : "an unknown number of"} bytes, outside the chunk sent (${start} to ${end})`, err);
          }
          // Progress made: the failures count again from zero.
          if (q.received > at) failures = 0;
          at = q.received;
          if (at === end && !chunk.last) break;
        }
      }
      offset = end;
      params.onProgress?.({ loaded: end, total: file.size });
    }
  } catch (err) {
    // The session is of no use to anyone now: let it go (best effort, not awaited). Not after
    // the last chunk went out with its outcome unknown: there is nothing left to cancel.
    if (!(err instanceof OutcomeUnknownError)) cancel();
    // A read of the caller's data that failed (a file that shrank): the caller's own error.
    throw callerErrorIn(err)?.error ?? err;
  }
  throw lost("the file ended before its last chunk");
}
