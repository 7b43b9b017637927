// One loopback server for the hostile-input tables, serving every provider of the registry,
// each under /<name> (base URL `server.base(name)`): a request is matched to the operation
// of that provider's profile and answered by the handler the current case sets; the multipart
// parts of an upload are parsed as a server would, so an injected header line or shifted
// bytes show. Where a provider's uploads are resumable, the steps before the last (start,
// chunks, query) are answered by the protocol here, and the finalizing request is the upload
// the handler answers (recorded with the whole file's bytes, whatever the answer). Sessions are
// shared by every hostile server of the process, as one storage behind several origins, so a
// finalizing request redirected to another origin finds its session there.
import { startServer, type TestServer } from "@llm-files/testing";
import { ResumableSessions, isResumable, matchRoute, providerRoutes, resumableStep } from "@llm-files/testing/providers";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PROVIDERS, profileOf, type Op, type Provider } from "./bodies.js";

export type Answer = (ctx: { op: Op; provider: Provider; id?: string; req: IncomingMessage & { body: Buffer }; res: ServerResponse }) => void;

export interface HostileServer extends TestServer {
  /** The base URL a client of `provider` is given: this server's origin and /<provider>. */
  base(provider: Provider): string;
  /** The answer for the next requests (default: `ok`, the provider's success body). */
  answer: Answer;
  /** Uploads seen: the parsed parts of each multipart body (a resumable upload: one part, "file", of its whole bytes), whatever the answer. */
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

const ROUTES = Object.fromEntries(PROVIDERS.map((p) => [p, providerRoutes(profileOf(p))]));
const SESSIONS = new ResumableSessions();

/** The provider (the path's first segment), the operation of its profile a request is for, and the file id it names. */
export function routeOf(method: string, url: string, body?: string): { provider: Provider; op: Op; id?: string } | undefined {
  const slash = url.indexOf("/", 1);
  const provider = url.slice(1, slash < 0 ? undefined : slash) as Provider;
  if (!Object.hasOwn(ROUTES, provider) || slash < 0) return undefined;
  const m = matchRoute(ROUTES[provider]!, method, url.slice(slash), body);
  return m && { provider, op: m.op, id: m.id };
}

export async function startHostileServer(defaultAnswer: Answer): Promise<HostileServer> {
  const uploads: Part[][] = [];
  const state = { answer: defaultAnswer };
  const server = await startServer(
    (req, res) => {
      const json = /json/.test(req.headers["content-type"] ?? "");
      const route = routeOf(req.method ?? "", req.url ?? "", json ? req.body.toString("utf8") : undefined);
      if (!route) return res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"no such route"}}');
      const step = route.op === "upload" && isResumable(profileOf(route.provider)) ? resumableStep(req.headers) : undefined;
      if (step && step !== "finalize") {
        const url = `${server.url}${req.url}`;
        const a = step === "start" ? SESSIONS.start(url.split("?")[0]!, req.headers, req.body) : step === "query" ? SESSIONS.query(url) : step === "chunk" ? SESSIONS.chunk(url, req.headers, req.body, false) : { status: 200, headers: {} };
        if (a.error) return res.writeHead(a.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: a.status, message: a.error } }));
        return res.writeHead(a.status, { ...a.headers, "content-length": "0" }).end();
      }
      if (step === "finalize") {
        const f = SESSIONS.pending(`${server.url}${req.url}`, req.body);
        uploads.push(f ? [{ headers: [], name: "file", filename: f.displayName, contentType: f.type, bytes: f.bytes, sha256: f.sha256 }] : []);
      } else if (route.op === "upload") uploads.push(parseMultipart(req.headers["content-type"] ?? "", req.body));
      state.answer({ ...route, req, res });
    },
    { keepBodies: true },
  );
  Object.defineProperty(server, "answer", { get: () => state.answer, set: (a: Answer) => (state.answer = a), enumerable: true });
  return Object.assign(server, { uploads, base: (provider: Provider) => `${server.url}/${provider}` }) as HostileServer;
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
