// Google's resumable upload protocol, as a test server speaks it (a provider whose profile's
// upload form is "resumable": Gemini's media upload URI). `start` (X-Goog-Upload-Command)
// answers the session's URL in X-Goog-Upload-URL (the same path with an upload_id); the bytes
// follow to it in requests with `upload` and their X-Goog-Upload-Offset, the last with
// `upload, finalize`, which answers the file; `query` answers the size received. Sessions keep
// the bytes of their chunks, so a test server can hash the whole file once it is finalized.
// Structural and Vitest-free, as the rest of @llm-files/testing/providers.
import { createHash } from "node:crypto";

/** What a request of the protocol asks: start a session, send bytes (the last ones finalizing), ask what arrived, or cancel. */
export type ResumableStep = "start" | "chunk" | "finalize" | "query" | "cancel";

/** Whether a profile's uploads are resumable (its upload form). */
export const isResumable = (profile: { operations: { upload?: { body?: { form: string } } } }): boolean => profile.operations.upload?.body?.form === "resumable";

/** The step a request of the protocol is, from its X-Goog-Upload-Command header (undefined: none). */
export function resumableStep(headers: Record<string, string | string[] | undefined>): ResumableStep | undefined {
  const raw = headers["x-goog-upload-command"];
  const command = String(Array.isArray(raw) ? raw[0] : (raw ?? ""))
    .toLowerCase()
    .replace(/\s+/g, "");
  if (command === "start" || command === "query" || command === "cancel") return command;
  if (command === "upload") return "chunk";
  if (command === "upload,finalize" || command === "finalize") return "finalize";
  return undefined;
}

interface Session {
  chunks: Buffer[];
  received: number;
  final: boolean;
  /** The display name the start's metadata gave. */
  displayName?: string;
  /** The length and type the start declared. */
  declared?: number;
  type?: string;
}

export interface ResumableAnswer {
  status: number;
  headers: Record<string, string>;
  /** The session is finalized: its whole file (hash, size, bytes), and what the start said of it. */
  finished?: { sha256: string; bytes: number; content: Buffer; displayName?: string; type?: string };
  /** A step that cannot be answered (unknown session, offset not what the server holds). */
  error?: string;
}

/** Sessions of one test server: each request of the protocol, answered in its headers. */
export class ResumableSessions {
  private readonly sessions = new Map<string, Session>();
  private next = 0;

  /** A new session; `url` is where its bytes go (`upload_id` is added). */
  start(url: string, headers: Record<string, string | string[] | undefined>, body: Buffer): ResumableAnswer {
    const id = String(++this.next);
    let displayName: string | undefined;
    try {
      const meta = JSON.parse(body.toString("utf8") || "{}") as { file?: { display_name?: string; displayName?: string } };
      displayName = meta.file?.display_name ?? meta.file?.displayName;
    } catch {
      // Metadata that is not JSON: a session all the same (a test about it reads the body itself).
    }
    const declared = headers["x-goog-upload-header-content-length"];
    const type = headers["x-goog-upload-header-content-type"];
    this.sessions.set(id, { chunks: [], received: 0, final: false, displayName, declared: declared === undefined ? undefined : Number(declared), type: type === undefined ? undefined : String(type) });
    const u = new URL(url);
    u.searchParams.set("upload_id", id);
    return { status: 200, headers: { "x-goog-upload-url": u.href, "x-goog-upload-status": "active", "x-goog-upload-chunk-granularity": String(256 * 1024) } };
  }

  /** Bytes at an offset (`final`: the last ones); the session is named by the URL's upload_id. */
  chunk(url: string, headers: Record<string, string | string[] | undefined>, body: Buffer, final: boolean): ResumableAnswer {
    const s = this.sessionOf(url);
    if (!s) return { status: 404, headers: {}, error: "no such upload session" };
    const offset = Number(headers["x-goog-upload-offset"]);
    if (s.final) return { status: 400, headers: { "x-goog-upload-status": "final" }, error: "the upload is already finalized" };
    if (offset !== s.received) return { status: 400, headers: { "x-goog-upload-status": "active" }, error: `offset ${String(headers["x-goog-upload-offset"])} is not ${s.received}` };
    s.chunks.push(body);
    s.received += body.length;
    if (!final) return { status: 200, headers: { "x-goog-upload-status": "active" } };
    s.final = true;
    const whole = Buffer.concat(s.chunks);
    return { status: 200, headers: { "x-goog-upload-status": "final" }, finished: { sha256: createHash("sha256").update(whole).digest("hex"), bytes: whole.length, content: whole, displayName: s.displayName, type: s.type } };
  }

  /** The session's status and the size received. */
  query(url: string): ResumableAnswer {
    const s = this.sessionOf(url);
    if (!s) return { status: 404, headers: {}, error: "no such upload session" };
    return { status: 200, headers: { "x-goog-upload-status": s.final ? "final" : "active", "x-goog-upload-size-received": String(s.received) } };
  }

  /** The file this finalizing request would make of its session, without finalizing it (for counting what arrived, whatever the answer). */
  pending(url: string, body: Buffer): ResumableAnswer["finished"] {
    const s = this.sessionOf(url);
    if (!s) return undefined;
    const whole = Buffer.concat([...s.chunks, body]);
    return { sha256: createHash("sha256").update(whole).digest("hex"), bytes: whole.length, content: whole, displayName: s.displayName, type: s.type };
  }

  private sessionOf(url: string): Session | undefined {
    const id = new URL(url, "http://x").searchParams.get("upload_id");
    return id === null ? undefined : this.sessions.get(id);
  }
}
