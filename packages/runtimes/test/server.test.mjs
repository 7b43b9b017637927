// The provider server is what every cell is judged against: it must notice what a broken
// client would do (a truncated upload, a rounded int64 id, a missing key) and answer CORS.
// Every provider of the registry, its requests built from its profile's operations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS, registry } from "@llm-files/registry";
import { startProviderServer } from "../src/server.mjs";

let server;
beforeAll(async () => (server = await startProviderServer()));
afterAll(() => server.close());

const auth = (key) => ({ authorization: `Bearer ${key}` });
function form(purpose, text, filename) {
  const f = new FormData();
  f.append("purpose", purpose);
  f.append("file", new Blob([text]), filename);
  return f;
}

/** A request to `op` of provider `p` as its profile places it: the id in the path, the query or a JSON body (an int64 id bare, unless `quoted`). */
function call(p, op, { id, key, purpose, quoted = false, body } = {}) {
  const { profile } = registry[p];
  const route = profile.operations[op];
  let path = route.path;
  const query = new URLSearchParams();
  const json = {};
  const where = route.id;
  if (where?.in === "path") path = path.replace(`{${where.name}}`, encodeURIComponent(id));
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
  const headers = { ...auth(key), ...(text ? { "content-type": "application/json" } : {}) };
  const q = query.toString();
  return fetch(`${server.url}/${p}${path}${q ? `?${q}` : ""}`, { method: route.method.toUpperCase(), headers, body: body ?? text });
}

/** The file id in an answer's text, as written (an int64 one digit for digit). */
const idIn = (p, text) => new RegExp(`"${registry[p].profile.file.id}":"?([^",}]+)`).exec(text)?.[1];

describe.each(PROVIDERS)("%s", (p) => {
  const { profile } = registry[p];
  const purpose = profile.sample.purpose;
  const ext = /\.[^.]+$/.exec(profile.sample.filename)?.[0] ?? "";

  it("stores an upload under its key and answers list, retrieve, content and delete from it", async () => {
    const key = `k-${p}`;
    const up = await (await call(p, "upload", { key, body: form(purpose, "héllo\n", `a${ext}`) })).text();
    const id = idIn(p, up);
    expect(id, up).toBeTruthy();
    expect(up).toContain(`"filename":"a${ext}"`);
    expect(up).toMatch(/"bytes":7\b/);
    expect(idIn(p, await (await call(p, "list", { key, purpose })).text())).toBe(id);
    expect(idIn(p, await (await call(p, "retrieve", { key, id })).text())).toBe(id);
    expect(await (await call(p, "content", { key, id })).text()).toBe("héllo\n");
    // Another key sees nothing of it.
    expect(idIn(p, await (await call(p, "list", { key: "other", purpose })).text())).toBeUndefined();
    expect((await call(p, "retrieve", { key: "other", id })).status).toBe(404);
    const gone = await (await call(p, "delete", { key, id, purpose })).text();
    expect(new RegExp(`"${profile.operations.delete.result.id ?? profile.file.id}":"?${id}\\b`).test(gone), gone).toBe(true);
    if (profile.operations.delete.result.deleted) expect(JSON.parse(gone.replace(/:(\d{16,})/g, ':"$1"'))[profile.operations.delete.result.deleted]).toBe(true);
    expect((await call(p, "retrieve", { key, id })).status).toBe(404);
  });

  it.runIf(profile.ids === "int64")("writes int64 ids above 2^53 as bare digits and finds a file only by its exact id", async () => {
    const key = `k-int64-${p}`;
    const text = await (await call(p, "upload", { key, body: form(purpose, "abc", `s${ext}`) })).text();
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

  it("answers a CORS preflight for authorization and content-type only, and CORS on answers", async () => {
    const pre = await fetch(list(), { method: "OPTIONS", headers: { origin: "http://127.0.0.1:1", "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    const res = await call(p, "list", { key: "k", purpose: registry[p].profile.sample.purpose });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("refuses a call without a key (401), an unknown route (404) and an upload with no file part (400)", async () => {
    expect((await fetch(list())).status).toBe(401);
    expect((await fetch(`${server.url}/nowhere/v1/files`, { headers: auth("k") })).status).toBe(404);
    const body = new FormData();
    body.append("purpose", registry[p].profile.sample.purpose);
    expect((await call(p, "upload", { key: "k", body })).status).toBe(400);
  });
});
