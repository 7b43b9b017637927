// The loopback provider the matrix runs against: one in-process server that answers like every
// provider of the registry under /<provider>/..., routed by the provider's profile (its
// operations' methods, paths and where the id goes) and answering in the profile's shapes over
// the spec's own 200 examples (@llm-files/testing/providers), but keeping state, so each cell
// can fail for real: an upload is parsed as multipart (undici's own parser) and stored under
// the API key that sent it, with a fresh id (an int64 one above 2^53, written digit for digit;
// a uuid where the spec's example id is one); list, retrieve, content and delete answer from
// that store, and an unknown id is a 404. An int64 id must come back exact, and bare where the
// delete takes it in a JSON body. The key is read from the header the provider's profile names
// (Authorization: Bearer, api-key, x-api-key, x-goog-api-key). Where the profile's uploads are
// resumable (Gemini's), the server speaks Google's protocol (start, chunks, finalize). A file
// whose metadata says it cannot be downloaded (Anthropic's uploads) is refused content. Every
// answer carries CORS headers (the browser page is served from another port); a preflight allows
// only the headers a client needs, those the providers' profiles and specs name (their key
// headers, fixed headers, an upload protocol's headers), and answers expose the headers an
// upload protocol answers in, like a strict real API would.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { PROVIDERS, registry } from "@llm-files/registry";
import { INT64_TEST_ID, ResumableSessions, isResumable, matchRoute, providerAnswers, providerRoutes, resumableStep } from "@llm-files/testing/providers";

/** Header names of a spec operation's parameters (in: header), and of its answers' headers. */
function specHeaders(doc, route) {
  const op = doc.paths?.[route.path]?.[route.method];
  const deref = (x) => (x?.$ref ? x.$ref.slice(2).split("/").reduce((o, k) => o?.[k], doc) : x);
  const sent = (op?.parameters ?? []).map(deref).filter((p) => p?.in === "header").map((p) => p.name.toLowerCase());
  const answered = Object.values(op?.responses ?? {}).flatMap((r) => Object.keys(deref(r)?.headers ?? {})).map((h) => h.toLowerCase());
  return { sent, answered };
}

const SPECS = Object.fromEntries(await Promise.all(PROVIDERS.map(async (p) => [p, await registry[p].spec()])));
const allowed = new Set(["authorization", "content-type"]);
const exposed = new Set();
for (const p of PROVIDERS) {
  const { profile } = registry[p];
  for (const h of [profile.auth?.header, profile.auth?.token?.header, ...Object.keys(profile.headers ?? {})]) if (h) allowed.add(h.toLowerCase());
  const upload = profile.operations.upload;
  if (upload && isResumable(profile)) {
    const { sent, answered } = specHeaders(SPECS[p], upload);
    for (const h of sent) allowed.add(h);
    for (const h of answered) exposed.add(h);
  }
}
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE",
  "access-control-allow-headers": [...allowed].join(", "),
  ...(exposed.size ? { "access-control-expose-headers": [...exposed].join(", ") } : {}),
  "access-control-max-age": "600",
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the server knows of one provider: its routes, its answers, and how it makes ids. */
async function providerOf(name) {
  const { profile } = registry[name];
  const answers = providerAnswers(profile, await registry[name].spec());
  // int64 ids start above Number.MAX_SAFE_INTEGER, so a client that parses them as a plain
  // number gets a different id back and the next call misses.
  let big = BigInt(INT64_TEST_ID);
  let n = 1;
  const prefix = profile.operations.retrieve?.id.prefix ?? "";
  const id = profile.ids === "int64" ? () => String(big++) : UUID.test(answers.exampleId ?? "") ? () => randomUUID() : () => `${prefix}file-${name}-${n++}`;
  const object = (f) => answers.file({ id: f.id, filename: f.filename, bytes: f.bytes, purpose: f.purpose ?? undefined, createdAt: f.created });
  return { profile, routes: providerRoutes(profile), answers, id, object, sessions: new ResumableSessions() };
}

const PROVIDER = Object.fromEntries(await Promise.all(PROVIDERS.map(async (p) => [p, await providerOf(p)])));

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Starts the server on a free loopback port: { url, requests(), close() }. */
export async function startProviderServer() {
  const store = new Map(); // "<provider> <API key>" -> Map(id -> { id, filename, bytes, purpose, content, created })
  let count = 0;
  const server = createServer(async (req, res) => {
    count++;
    const send = (status, body, type = "application/json") => res.writeHead(status, { ...CORS, "content-type": type }).end(body);
    try {
      if (req.method === "OPTIONS") return void res.writeHead(204, CORS).end();
      const slash = req.url.indexOf("/", 1);
      const name = slash > 0 ? req.url.slice(1, slash) : "";
      const provider = Object.hasOwn(PROVIDER, name) ? PROVIDER[name] : undefined;
      const body = await readBody(req);
      const route = provider && matchRoute(provider.routes, req.method, req.url.slice(slash), req.method === "POST" ? body.toString("utf8") : undefined);
      if (!route) return send(404, JSON.stringify({ error: { message: `no route ${req.method} ${req.url.split("?")[0]}` } }));
      const { profile, answers } = provider;
      // The key in the header the profile names, with its prefix.
      const auth = profile.auth ?? { header: "authorization", prefix: "Bearer " };
      const raw = req.headers[auth.header.toLowerCase()];
      const key = typeof raw === "string" && raw.startsWith(auth.prefix ?? "") ? raw.slice((auth.prefix ?? "").length).trim() || undefined : undefined;
      if (!key) return send(401, JSON.stringify({ error: { message: `no API key in ${auth.header}` } }));
      const shelf = `${name} ${key}`;
      if (!store.has(shelf)) store.set(shelf, new Map());
      const files = store.get(shelf);
      if (route.op === "upload" && isResumable(profile)) {
        // Google's resumable protocol: a start, then chunks at their offsets; the last one makes the file.
        const step = resumableStep(req.headers);
        const url = `http://${req.headers.host}${req.url}`;
        const a = step === "start" ? provider.sessions.start(url.split("?")[0], req.headers, body) : step === "query" ? provider.sessions.query(url) : step === "chunk" || step === "finalize" ? provider.sessions.chunk(url, req.headers, body, step === "finalize") : { status: 400, headers: {}, error: "no X-Goog-Upload-Command" };
        if (a.error) return void res.writeHead(a.status, { ...CORS, ...a.headers, "content-type": "application/json" }).end(JSON.stringify({ error: { code: a.status, message: a.error } }));
        if (!a.finished) return void res.writeHead(a.status, { ...CORS, ...a.headers, "content-length": "0" }).end();
        const f = { id: provider.id(), filename: a.finished.displayName ?? "", bytes: a.finished.bytes, content: a.finished.content, created: Math.floor(Date.now() / 1000) };
        files.set(f.id, f);
        return void res.writeHead(200, { ...CORS, ...a.headers, "content-type": "application/json" }).end(answers.text(answers.upload(provider.object(f))));
      }
      if (route.op === "upload") {
        const form = await new Response(body, { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
        const file = form.get(profile.operations.upload.body?.fileField ?? "file");
        if (!(file instanceof Blob)) return send(400, JSON.stringify({ error: { message: "multipart body has no file part" } }));
        const content = Buffer.from(await file.arrayBuffer());
        const f = { id: provider.id(), filename: file.name, bytes: content.length, purpose: form.get("purpose") ?? undefined, content, created: Math.floor(Date.now() / 1000) };
        files.set(f.id, f);
        return send(200, answers.text(answers.upload(provider.object(f))));
      }
      if (route.op === "list") {
        // A list that names a purpose (a server filter) shows that purpose's files only.
        const filter = profile.operations.list.purpose?.name;
        const wanted = filter ? new URL(req.url, "http://x").searchParams.get(filter) : null;
        return send(200, answers.text(answers.list([...files.values()].filter((f) => wanted === null || f.purpose === wanted).map(provider.object))));
      }
      // An int64 id sent as a JSON string (not a bare number) is not the id: a miss.
      const f = route.idQuoted && profile.ids === "int64" ? undefined : files.get(route.id);
      if (!f) return send(404, JSON.stringify({ error: { message: `No such file: ${route.id}`, type: "not_found_error" } }));
      if (route.op === "content") {
        // A file whose metadata says it cannot be downloaded (every upload, at Anthropic) is refused, as the provider does.
        const field = profile.file.downloadable;
        if (field && provider.object(f)[field] === false) return send(400, JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: `file ${f.id} cannot be downloaded` } }));
        return send(200, f.content, "application/octet-stream");
      }
      if (route.op === "delete") {
        files.delete(f.id);
        return send(200, answers.text(answers.deleted(f.id)));
      }
      return send(200, answers.text(answers.retrieve(provider.object(f))));
    } catch (err) {
      if (!res.headersSent) send(500, JSON.stringify({ error: { message: `provider server: ${err.message}` } }));
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests: () => count,
    close() {
      const closed = new Promise((r) => server.close(r));
      server.closeAllConnections();
      return closed;
    },
  };
}
