// One loopback server for the hostile-input tables: each request is matched to the spec's
// operation and answered by the handler the current case sets; the multipart parts of an
// upload are parsed as a server would, so an injected header line or shifted bytes show.
import { startServer, type TestServer } from "@llm-files/testing";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { operationMatchers, type Op, type Provider } from "./fault-server.js";

export type Answer = (ctx: { op: Op; provider: Provider; req: IncomingMessage & { body: Buffer }; res: ServerResponse }) => void;

export interface HostileServer extends TestServer {
  /** The answer for the next requests (default: `ok`, the provider's success body). */
  answer: Answer;
  /** Uploads seen: the parsed parts of each multipart body, whatever the answer. */
  readonly uploads: Part[][];
}

export interface Part {
  /** The part's header lines, as sent. */
  headers: string[];
  name?: string;
  filename?: string;
  contentType?: string;
  bytes: number;
  sha256: string;
}

const matchers = { moonshot: operationMatchers("moonshot"), novita: operationMatchers("novita"), minimax: operationMatchers("minimax") };

/** The provider and operation a request is for (every provider's paths differ). */
export function routeOf(method: string, path: string): { provider: Provider; op: Op } | undefined {
  for (const provider of ["minimax", "moonshot", "novita"] as const) {
    const m = matchers[provider].find((x) => x.method === method && x.path.test(path));
    if (m) return { provider, op: m.op };
  }
  return undefined;
}

export async function startHostileServer(defaultAnswer: Answer): Promise<HostileServer> {
  const uploads: Part[][] = [];
  const state = { answer: defaultAnswer };
  const server = await startServer(
    (req, res) => {
      const path = (req.url ?? "").split("?")[0]!;
      const route = routeOf(req.method ?? "", path);
      if (!route) return res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"no such route"}}');
      if (route.op === "upload") uploads.push(parseMultipart(req.headers["content-type"] ?? "", req.body));
      state.answer({ ...route, req, res });
    },
    { keepBodies: true },
  );
  Object.defineProperty(server, "answer", { get: () => state.answer, set: (a: Answer) => (state.answer = a), enumerable: true });
  return Object.assign(server, { uploads }) as HostileServer;
}

/** Splits a multipart/form-data body by its boundary, as a strict server would. */
export function parseMultipart(contentType: string, body: Buffer): Part[] {
  const m = /boundary=("?)([^";]+)\1/.exec(contentType);
  if (!m) return [];
  const delimiter = Buffer.from(`--${m[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const raw = body.subarray(start + 2, next - 2); // after CRLF, before CRLF--boundary
    const split = raw.indexOf("\r\n\r\n");
    const headers = raw.subarray(0, split).toString("latin1").split("\r\n");
    const content = raw.subarray(split + 4);
    const disp = headers.find((h) => /^content-disposition:/i.test(h)) ?? "";
    parts.push({
      headers,
      name: /\bname="([^"]*)"/.exec(disp)?.[1],
      filename: /\bfilename="([^"]*)"/.exec(disp)?.[1],
      contentType: headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, ""),
      bytes: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
    });
    at = next;
  }
  return parts;
}
