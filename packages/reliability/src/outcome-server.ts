// A loopback server that answers like one provider of the registry (its profile's upload and
// list, in its shapes: bodies.ts) and keeps what it stores, failing uploads at a chosen stage of
// the exchange: before reading the body, halfway through it, after it (having stored the file
// or not), with a gateway's 502/504, with no answer, or with the answer cut off. The tests of
// honest upload outcomes (test/upload-outcomes.test.ts) read what it stored against what the
// client said happened.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "@llm-files/testing";
import { matchRoute, providerRoutes } from "@llm-files/testing/providers";
import { ANSWERS, profileOf, type Provider } from "./bodies.js";
import { parseMultipart } from "./hostile-server.js";

/** Where an upload fails; "ok" stores it and answers as the provider does. */
export type Stage =
  | "ok"
  /** The request's head read, then the connection destroyed before a byte of the body is read: nothing stored. */
  | "dropBeforeBody"
  /** 64 KiB of the body read, then the connection destroyed: nothing stored. */
  | "dropMidBody"
  /** Answered 502 before the body is read (the rest of the body is drained unread): nothing stored. */
  | "answer502BeforeBody"
  /** The whole body read and the file stored, then the connection destroyed with no answer. */
  | "storeThenDrop"
  /** The whole body read, nothing stored, then the connection destroyed with no answer. */
  | "dropAfterBody"
  /** The whole body read and stored, then a gateway's 502. */
  | "storeThen502"
  /** The whole body read, nothing stored, then a gateway's 504. */
  | "after504"
  /** The whole body read and stored, then no answer at all (the client's timeout ends it). */
  | "storeThenHang"
  /** The whole body read and stored, then the 200 answer's head and half its body, then the connection destroyed. */
  | "storeThenCutAnswer";

export interface StoredFile {
  id: string;
  filename: string;
  bytes: number;
  /** Seconds since the epoch. */
  createdAt: number;
}

export interface OutcomeServer {
  readonly url: string;
  readonly provider: Provider;
  /** The stages of the next uploads, in order; uploads after them are "ok". */
  plan(...stages: Stage[]): void;
  /** Files stored (whatever the client was told). */
  readonly stored: StoredFile[];
  /** Upload requests that reached the server (whole or not). */
  uploads(): number;
  /** List requests answered. */
  lists(): number;
  /** Adds a stored file as if uploaded before (for a second copy that matches). */
  seed(file: Omit<StoredFile, "id">): void;
  stop(): Promise<void>;
}

export async function startOutcomeServer(provider: Provider): Promise<OutcomeServer> {
  const routes = providerRoutes(profileOf(provider));
  const answers = ANSWERS[provider];
  const stored: StoredFile[] = [];
  const stages: Stage[] = [];
  let uploads = 0;
  let lists = 0;
  let ids = 0;
  const purpose = profileOf(provider).sample.purpose;
  const fileObject = (f: StoredFile) => answers.file({ id: f.id, filename: f.filename, bytes: f.bytes, purpose, createdAt: f.createdAt });
  const store = (filename: string, bytes: number) => {
    const file = { id: answers.id(++ids), filename, bytes, createdAt: Math.floor(Date.now() / 1000) };
    stored.push(file);
    return file;
  };
  const send = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  /** The whole body, then `then` with the stored-to-be file's name and size. */
  const readAll = (req: IncomingMessage, then: (file: { filename: string; bytes: number }) => void) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const part = parseMultipart(String(req.headers["content-type"] ?? ""), Buffer.concat(chunks)).find((p) => p.filename !== undefined);
      then({ filename: part?.filename ?? "", bytes: part?.bytes ?? 0 });
    });
  };

  const server = createServer((req, res) => {
    req.on("error", () => {});
    const match = matchRoute(routes, req.method ?? "", req.url ?? "");
    if (match?.op === "list") {
      lists++;
      req.resume();
      return send(res, 200, answers.text(answers.list(stored.map(fileObject))));
    }
    if (match?.op !== "upload") {
      req.resume();
      return send(res, 404, JSON.stringify({ error: { message: `no such operation: ${req.method} ${req.url}` } }));
    }
    uploads++;
    const stage = stages.shift() ?? "ok";
    switch (stage) {
      case "ok":
        return readAll(req, (f) => send(res, 200, answers.text(answers.upload(fileObject(store(f.filename, f.bytes))))));
      case "dropBeforeBody":
        return void req.socket.destroy();
      case "dropMidBody": {
        let read = 0;
        req.on("data", (c: Buffer) => {
          read += c.length;
          if (read >= 64 * 1024) req.socket.destroy();
        });
        return;
      }
      case "answer502BeforeBody":
        // The client stops sending, or sends on into a server that drains and drops the rest.
        return send(res, 502, JSON.stringify({ error: { message: "Bad Gateway", type: "server_error" } }));
      case "storeThenDrop":
        return readAll(req, (f) => (store(f.filename, f.bytes), req.socket.destroy()));
      case "dropAfterBody":
        return readAll(req, () => req.socket.destroy());
      case "storeThen502":
        return readAll(req, (f) => (store(f.filename, f.bytes), send(res, 502, JSON.stringify({ error: { message: "Bad Gateway", type: "server_error" } }))));
      case "after504":
        return readAll(req, () => send(res, 504, JSON.stringify({ error: { message: "Gateway Timeout", type: "server_error" } })));
      case "storeThenHang":
        return readAll(req, (f) => void store(f.filename, f.bytes));
      case "storeThenCutAnswer":
        return readAll(req, (f) => {
          const text = answers.text(answers.upload(fileObject(store(f.filename, f.bytes))));
          res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
          res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
        });
    }
  });
  // Every socket tracked, so stop() leaves nothing open (a hung upload's included).
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    provider,
    plan: (...next) => void stages.splice(0, stages.length, ...next),
    stored,
    uploads: () => uploads,
    lists: () => lists,
    seed: (file) => void stored.push({ id: answers.id(++ids), ...file }),
    stop: listening.stop,
  };
}
