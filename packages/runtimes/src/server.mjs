// The loopback provider the matrix runs against: one in-process server that answers like every
// provider of the registry under /<provider>/..., routed by the provider's profile (its
// operations' methods, paths and where the id goes) and answering in the profile's shapes over
// the spec's own 200 examples (@llm-files/testing/providers), but keeping state, so each cell
// can fail for real: an upload is parsed as multipart (undici's own parser) and stored under
// the API key that sent it, with a fresh id (an int64 one above 2^53, written digit for digit;
// a uuid where the spec's example id is one); list, retrieve, content and delete answer from
// that store, and an unknown id is a 404. An int64 id must come back exact, and bare where the
// delete takes it in a JSON body. Every answer carries CORS headers (the browser page is served
// from another port); a preflight allows only the headers a client needs (authorization,
// content-type), like a strict real API would.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { PROVIDERS, registry } from "@llm-files/registry";
import { INT64_TEST_ID, matchRoute, providerAnswers, providerRoutes } from "@llm-files/testing/providers";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE",
  "access-control-allow-headers": "authorization, content-type",
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
  const id = profile.ids === "int64" ? () => String(big++) : UUID.test(answers.exampleId ?? "") ? () => randomUUID() : () => `file-${name}-${n++}`;
  const object = (f) => answers.file({ id: f.id, filename: f.filename, bytes: f.bytes, purpose: f.purpose, createdAt: f.created });
  return { profile, routes: providerRoutes(profile), answers, id, object };
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
      const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!key) return send(401, JSON.stringify({ error: { message: "no API key" } }));
      const { profile, answers } = provider;
      const shelf = `${name} ${key}`;
      if (!store.has(shelf)) store.set(shelf, new Map());
      const files = store.get(shelf);
      if (route.op === "upload") {
        const form = await new Response(body, { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
        const file = form.get(profile.operations.upload.body?.fileField ?? "file");
        if (!(file instanceof Blob)) return send(400, JSON.stringify({ error: { message: "multipart body has no file part" } }));
        const content = Buffer.from(await file.arrayBuffer());
        const f = { id: provider.id(), filename: file.name, bytes: content.length, purpose: form.get("purpose"), content, created: Math.floor(Date.now() / 1000) };
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
      if (route.op === "content") return send(200, f.content, "application/octet-stream");
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
