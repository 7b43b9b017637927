// A loopback server speaking Google's resumable upload protocol as Gemini's media upload URI
// does (start -> X-Goog-Upload-URL; upload / upload, finalize at X-Goog-Upload-Offset; query ->
// X-Goog-Upload-Status and X-Goog-Upload-Size-Received), keeping every byte it receives, with
// faults: a connection cut partway through an upload request (the bytes before the cut are
// kept, as the real service keeps what arrived), and a session that is gone when queried.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import type { Socket } from "node:net";

export interface Session {
  id: string;
  declared?: number;
  type?: string;
  displayName?: string;
  chunks: Buffer[];
  received: number;
  status: "active" | "final" | "cancelled";
  file?: Record<string, unknown>;
}

export interface Logged {
  command: string;
  offset?: number;
  /** Body bytes that arrived (all of them, or those before a cut). */
  bytes: number;
  url: string;
  key?: string;
}

export interface ResumableFaults {
  /** Cut the connection of the n-th upload request (0-based, counting upload commands only) after this many of its body bytes. */
  cut?: { request: number; after: number };
  /** After a cut, a query answers 404 (the session is gone). */
  goneAfterCut?: boolean;
}

export interface ResumableServer {
  url: string;
  sessions: Map<string, Session>;
  log: Logged[];
  /** Body bytes received by upload commands, over all requests. */
  uploadedBytes(): number;
  sha256(sessionId: string): string;
  stop(): Promise<void>;
}

export async function startResumableServer(faults: ResumableFaults = {}): Promise<ResumableServer> {
  const sessions = new Map<string, Session>();
  const log: Logged[] = [];
  let uploads = 0;
  let cutDone = false;
  let url = "";
  const reply = (res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { ...headers, ...(text ? { "content-type": "application/json" } : {}), "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
  };
  const finalize = (session: Session) => {
    session.status = "final";
    session.file = {
      name: `files/upload-${session.id}`,
      displayName: session.displayName,
      mimeType: session.type,
      sizeBytes: String(session.received),
      createTime: "2026-12-01T10:00:00.123456Z",
      updateTime: "2026-12-01T10:00:00.123456Z",
      expirationTime: "2026-12-03T10:00:00.123456Z",
      uri: `https://generativelanguage.googleapis.com/v1beta/files/upload-${session.id}`,
      state: "ACTIVE",
      source: "UPLOADED",
    };
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const command = String(req.headers["x-goog-upload-command"] ?? "").toLowerCase();
    const offset = req.headers["x-goog-upload-offset"] === undefined ? undefined : Number(req.headers["x-goog-upload-offset"]);
    const entry: Logged = { command, offset, bytes: 0, url: req.url ?? "", key: req.headers["x-goog-api-key"] as string | undefined };
    log.push(entry);
    const u = new URL(req.url ?? "/", "http://x");
    const session = sessions.get(u.searchParams.get("upload_id") ?? "");
    const isUpload = command.startsWith("upload");
    const n = isUpload ? uploads++ : -1;
    const cut = isUpload && faults.cut && faults.cut.request === n ? faults.cut.after : undefined;
    const body: Buffer[] = [];
    req.on("data", (piece: Buffer) => {
      if (cut !== undefined && entry.bytes + piece.length >= cut) {
        const keep = piece.subarray(0, cut - entry.bytes);
        body.push(keep);
        entry.bytes += keep.length;
        if (session) {
          session.chunks.push(Buffer.concat(body));
          session.received += entry.bytes;
          // A finalizing request whose every byte arrived is processed: only its answer is lost.
          if (command.includes("finalize") && session.received === session.declared) finalize(session);
        }
        cutDone = true;
        req.socket.destroy();
        return;
      }
      body.push(piece);
      entry.bytes += piece.length;
    });
    req.on("end", () => {
      if (u.pathname !== "/upload/v1beta/files") return reply(res, 404, {}, { error: { code: 404, message: "no such path", status: "NOT_FOUND" } });
      if (command === "start") {
        const id = String(sessions.size + 1);
        const meta = JSON.parse(Buffer.concat(body).toString("utf8") || "{}") as { file?: { display_name?: string } };
        const declared = req.headers["x-goog-upload-header-content-length"];
        sessions.set(id, { id, declared: declared === undefined ? undefined : Number(declared), type: req.headers["x-goog-upload-header-content-type"] as string, displayName: meta.file?.display_name, chunks: [], received: 0, status: "active" });
        return reply(res, 200, { "x-goog-upload-url": `${url}/upload/v1beta/files?upload_id=${id}`, "x-goog-upload-status": "active" });
      }
      if (!session) return reply(res, 404, {}, { error: { code: 404, message: "Upload session not found", status: "NOT_FOUND" } });
      if (command === "query") {
        if (cutDone && faults.goneAfterCut) return reply(res, 404, {}, { error: { code: 404, message: "Upload session not found", status: "NOT_FOUND" } });
        return reply(res, 200, { "x-goog-upload-status": session.status, "x-goog-upload-size-received": String(session.received) }, session.status === "final" ? { file: session.file } : undefined);
      }
      if (command === "cancel") {
        session.status = "cancelled";
        return reply(res, 200, { "x-goog-upload-status": "cancelled" });
      }
      if (!isUpload) return reply(res, 400, {}, { error: { code: 400, message: `unknown command ${command}`, status: "INVALID_ARGUMENT" } });
      if (session.status !== "active") return reply(res, 400, {}, { error: { code: 400, message: "session not active", status: "FAILED_PRECONDITION" } });
      if (offset !== session.received) return reply(res, 400, { "x-goog-upload-status": "active" }, { error: { code: 400, message: `offset ${offset} is not ${session.received}`, status: "INVALID_ARGUMENT" } });
      session.chunks.push(Buffer.concat(body));
      session.received += entry.bytes;
      if (!command.includes("finalize")) return reply(res, 200, { "x-goog-upload-status": "active" });
      finalize(session);
      return reply(res, 200, { "x-goog-upload-status": "final" }, { file: session.file });
    });
    req.on("error", () => {});
  });
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    sessions,
    log,
    uploadedBytes: () => log.filter((l) => l.command.startsWith("upload")).reduce((n, l) => n + l.bytes, 0),
    sha256: (id) => createHash("sha256").update(Buffer.concat(sessions.get(id)?.chunks ?? [])).digest("hex"),
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
