// The provider server is what every cell is judged against: it must notice what a broken
// client would do (a truncated upload, a rounded int64 id, a missing key) and answer CORS.
// Every provider of the registry, its requests built from its profile's operations: the key in
// its header, its file fields, a resumable upload where its uploads are, no purpose where its
// files have none, content refused where a file says it cannot be downloaded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, registry } from "@llm-files/registry";
import { startProviderServer } from "../src/server.mjs";

let server;
beforeAll(async () => (server = await startProviderServer()));
afterAll(() => server.close());

/** The key as provider `p`'s profile sends it. */
const auth = (p, key) => {
  const a = registry[p].profile.auth ?? { header: "authorization", prefix: "Bearer " };
  return { [a.header]: `${a.prefix ?? ""}${key}` };
};
function form(purpose, text, filename) {
  const f = new FormData();
  if (purpose !== undefined) f.append("purpose", purpose);
  f.append("file", new Blob([text]), filename);
  return f;
}
/** An upload as provider `p` takes it: a multipart form, or Google's resumable protocol (start, then the bytes finalizing). */
async function upload(p, key, purpose, text, filename) {
  const { profile } = registry[p];
  if (profile.operations.upload.body.form !== "resumable") return call(p, "upload", { key, body: form(purpose, text, filename) });
  const bytes = new TextEncoder().encode(text);
  const start = await fetch(`${server.url}/${p}${profile.operations.upload.path}`, { method: "POST", headers: { ...auth(p, key), "content-type": "application/json", "x-goog-upload-protocol": "resumable", "x-goog-upload-command": "start", "x-goog-upload-header-content-length": String(bytes.length) }, body: JSON.stringify({ file: { display_name: filename } }) });
  return fetch(start.headers.get("x-goog-upload-url"), { method: "POST", headers: { ...auth(p, key), "x-goog-upload-command": "upload, finalize", "x-goog-upload-offset": "0" }, body: bytes });
}

/** A request to `op` of provider `p` as its profile places it: the id in the path, the query or a JSON body (an int64 id bare, unless `quoted`). */
function call(p, op, { id, key, purpose, quoted = false, body } = {}) {
  const { profile } = registry[p];
  const route = profile.operations[op];
  let path = route.path;
  const query = new URLSearchParams();
  const json = {};
  const where = route.id;
  // A resource name's path takes the part after its collection ("files/abc" as /files/abc).
  if (where?.in === "path") path = path.replace(`{${where.name}}`, encodeURIComponent(where.prefix && id.startsWith(where.prefix) ? id.slice(where.prefix.length) : id));
  if (where?.in === "query") query.set(where.name, id);
  if (op === "list" && route.purpose && purpose) query.set(route.purpose.name, purpose);
  if (op === "delete" && route.purpose) json[route.purpose.name] = purpose;
  let text;
  if (where?.in === "body" || Object.keys(json).length) {
    text = JSON.stringify(json);
    if (where?.in === "body") {
      const value = quoted || profile.ids !== "int64" ? JSON.stringify(id) : id;
      text = `{"${where.name}":${value}${text === "{}" ? "" : `,${text.slice(1, -1)}`}}`;
    }
  }
  const headers = { ...auth(p, key), ...(text ? { "content-type": "application/json" } : {}) };
  const q = query.toString();
  return fetch(`${server.url}/${p}${path}${q ? `?${q}` : ""}`, { method: route.method.toUpperCase(), headers, body: body ?? text });
}

/** The file id in an answer's text, as written (an int64 one digit for digit). */
const idIn = (p, text) => new RegExp(`"${registry[p].profile.file.id}":"?([^",}]+)`).exec(text)?.[1];
/** A file field of an answer's text, by the profile's name for it (a size as a number or a decimal string). */
const fieldIn = (p, text, field) => new RegExp(`"${registry[p].profile.file[field]}":"?([^",}]+)`).exec(text)?.[1];

describe.each(PROVIDERS)("%s", (p) => {
  const { profile } = registry[p];
  const purpose = profile.sample.purpose;
  const ext = /\.[^.]+$/.exec(profile.sample.filename)?.[0] ?? "";

  it("stores an upload under its key and answers list, retrieve, content and delete from it", async () => {
    const key = `k-${p}`;
    const up = await (await upload(p, key, purpose, "héllo\n", `a${ext}`)).text();
    const id = idIn(p, up);
    expect(id, up).toBeTruthy();
    expect(fieldIn(p, up, "filename"), up).toBe(`a${ext}`);
    expect(fieldIn(p, up, "bytes"), up).toBe("7");
    expect(idIn(p, await (await call(p, "list", { key, purpose })).text())).toBe(id);
    expect(idIn(p, await (await call(p, "retrieve", { key, id })).text())).toBe(id);
    // Content where the provider has it; refused for a file that says it cannot be downloaded.
    if (profile.operations.content) {
      const said = profile.file.downloadable && JSON.parse(up)[profile.file.downloadable];
      const res = await call(p, "content", { key, id });
      if (said === false) expect(res.status).toBe(400);
      else expect(await res.text()).toBe("héllo\n");
    }
    // Another key sees nothing of it.
    expect(idIn(p, await (await call(p, "list", { key: "other", purpose })).text())).toBeUndefined();
    expect((await call(p, "retrieve", { key: "other", id })).status).toBe(404);
    const gone = await (await call(p, "delete", { key, id, purpose })).text();
    // The id where the delete's answer names one (an Empty answer names nothing).
    const result = profile.operations.delete.result;
    if (result.id) expect(new RegExp(`"${result.id}":"?${id}\\b`).test(gone), gone).toBe(true);
    if (profile.operations.delete.result.deleted) expect(JSON.parse(gone.replace(/:(\d{16,})/g, ':"$1"'))[profile.operations.delete.result.deleted]).toBe(true);
    expect((await call(p, "retrieve", { key, id })).status).toBe(404);
  });

  it.runIf(profile.ids === "int64")("writes int64 ids above 2^53 as bare digits and finds a file only by its exact id", async () => {
    const key = `k-int64-${p}`;
    const text = await (await upload(p, key, purpose, "abc", `s${ext}`)).text();
    const id = new RegExp(`"${profile.file.id}":(\\d+)`).exec(text)[1];
    expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(String(Number(id))).not.toBe(id); // what a client parsing it as a number would send back
    expect((await call(p, "retrieve", { key, id: String(Number(id)) })).status).toBe(404);
    expect(await (await call(p, "retrieve", { key, id })).text()).toContain(`"${profile.file.id}":${id},`);
    expect(await (await call(p, "content", { key, id })).text()).toBe("abc");
    expect(await (await call(p, "list", { key, purpose })).text()).toContain(`"${profile.file.id}":${id},`);
    if (profile.operations.delete.id.in === "body") {
      // Delete takes the id as a bare JSON number, digit for digit; a quoted one misses.
      expect((await call(p, "delete", { key, id, purpose, quoted: true })).status).toBe(404);
    }
    expect(await (await call(p, "delete", { key, id, purpose })).text()).toContain(`:${id}`);
    expect((await call(p, "retrieve", { key, id })).status).toBe(404);
  });
});

describe("every provider", () => {
  const p = PROVIDERS[0];
  const list = () => `${server.url}/${p}${registry[p].profile.operations.list.path}`;

  it("answers a CORS preflight for the headers the providers need only (their key headers, fixed headers, an upload protocol's), and CORS on answers", async () => {
    const pre = await fetch(list(), { method: "OPTIONS", headers: { origin: "http://127.0.0.1:1", "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    expect(pre.status).toBe(204);
    const allowed = pre.headers.get("access-control-allow-headers").split(", ");
    const needed = PROVIDERS.flatMap((q) => { const pr = registry[q].profile; return [pr.auth?.header ?? "authorization", ...Object.keys(pr.headers ?? {})].map((h) => h.toLowerCase()); });
    expect(allowed).toEqual(expect.arrayContaining(["authorization", "content-type", ...needed]));
    expect(allowed.every((h) => h === "content-type" || h === "authorization" || needed.includes(h) || h.startsWith("x-goog-upload-")), allowed.join(", ")).toBe(true);
    const res = await call(p, "list", { key: "k", purpose: registry[p].profile.sample.purpose });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("refuses a call without a key (401), an unknown route (404) and an upload with no file part (400)", async () => {
    expect((await fetch(list())).status).toBe(401);
    expect((await fetch(`${server.url}/nowhere/v1/files`, { headers: auth(p, "k") })).status).toBe(404);
    const body = new FormData();
    body.append("purpose", registry[p].profile.sample.purpose);
    expect((await call(p, "upload", { key: "k", body })).status).toBe(400);
  });
});
