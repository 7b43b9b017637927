// A real HTTP server on 127.0.0.1 for fault and behaviour tests: records every request,
// tracks sockets so stop() leaves nothing open.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import type { Socket } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  bytes: number;
  sha256: string;
  /** The body as text when it is at most 64 KiB. */
  text?: string;
}

export type Handler = (req: IncomingMessage & { body: Buffer }, res: ServerResponse, index: number) => unknown;

export interface TestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests this server began to receive since it started (whole or not; records taken out of `requests` included). */
  received(): number;
  /** Sockets open right now. */
  openSockets(): number;
  stop(): Promise<void>;
}

/** Starts a server; the handler sees the whole request body (bodies are hashed, kept as text when small). */
export async function startServer(handler: Handler, options: { keepBodies?: boolean } = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let received = 0;
  const server = createServer((req, res) => {
    received++;
    const hash = createHash("sha256");
    const small: Buffer[] = [];
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
      if (bytes <= 64 * 1024 || options.keepBodies) small.push(chunk);
    });
    req.on("end", () => {
      const body = Buffer.concat(small);
      const index = requests.length;
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, bytes, sha256: hash.digest("hex"), text: bytes <= 64 * 1024 ? body.toString("utf8") : undefined });
      Promise.resolve(handler(Object.assign(req, { body }), res, index)).catch((err) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      });
    });
    req.on("error", () => {});
  });
  const { url, port, openSockets, stop } = await listenOnLoopback(server);
  return { url, port, requests, received: () => received, openSockets, stop };
}

export interface Listening {
  url: string;
  port: number;
  /** Sockets open right now. */
  openSockets(): number;
  /** Closes every socket and the server, and resolves once all of them are closed. */
  stop(): Promise<void>;
}

/** Listens on a free 127.0.0.1 port, tracking sockets so stop() leaves nothing open. */
export async function listenOnLoopback(server: Server): Promise<Listening> {
  const sockets = new Set<Socket>();
  // Idle keep-alive sockets are left for the client to close (its own idle timeout is a few
  // seconds): a server that closes them first races a client reusing one, and on a busy
  // machine that race is lost now and then as an ECONNRESET no test is about.
  server.keepAliveTimeout = 120_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    openSockets: () => sockets.size,
    stop: async () => {
      const closed = [...sockets].map((s) => new Promise<void>((r) => (s.destroyed && !sockets.has(s) ? r() : s.once("close", () => r()))));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(closed);
    },
  };
}

/** Answers JSON with a status (and optional headers). */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
