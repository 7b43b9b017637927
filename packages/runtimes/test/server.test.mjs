// The provider server is what every cell is judged against: it must notice what a broken
// client would do (a truncated upload, a rounded MiniMax id, a missing key) and answer CORS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe.each([
  ["moonshot", "/v1"],
  ["novita", "/openai/v1"],
  ["openai", "/v1"],
  ["mistral", "/v1"],
])("%s (OpenAI-style)", (provider, prefix) => {
  const base = () => `${server.url}/${provider}${prefix}/files`;

  it("stores an upload under its key and answers list, retrieve, content and delete from it", async () => {
    const h = auth(`k-${provider}`);
    const up = await (await fetch(base(), { method: "POST", headers: h, body: form("batch", "héllo\n", "a.jsonl") })).json();
    expect(up).toMatchObject({ filename: "a.jsonl", bytes: 7, purpose: "batch", object: "file" });
    expect((await (await fetch(base(), { headers: h })).json()).data.map((f) => f.id)).toEqual([up.id]);
    expect((await (await fetch(`${base()}/${up.id}`, { headers: h })).json()).id).toBe(up.id);
    expect(await (await fetch(`${base()}/${up.id}/content`, { headers: h })).text()).toBe("héllo\n");
    // Another key sees nothing of it.
    expect((await (await fetch(base(), { headers: auth("other") })).json()).data).toEqual([]);
    expect((await fetch(`${base()}/${up.id}`, { headers: auth("other") })).status).toBe(404);
    expect(await (await fetch(`${base()}/${up.id}`, { method: "DELETE", headers: h })).json()).toMatchObject({ id: up.id, deleted: true });
    expect((await fetch(`${base()}/${up.id}`, { headers: h })).status).toBe(404);
  });
});

describe("minimax", () => {
  const base = () => `${server.url}/minimax/v1/files`;
  const h = auth("k-minimax");

  it("writes ids above 2^53 as bare digits and finds a file only by its exact id", async () => {
    const text = await (await fetch(`${base()}/upload`, { method: "POST", headers: h, body: form("t2a_async_input", "abc", "s.txt") })).text();
    const id = /"file_id":(\d+)/.exec(text)[1];
    expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(String(Number(id))).not.toBe(id); // what a client parsing it as a number would send back
    expect((await fetch(`${base()}/retrieve?file_id=${Number(id)}`, { headers: h })).status).toBe(404);
    expect(await (await fetch(`${base()}/retrieve?file_id=${id}`, { headers: h })).text()).toContain(`"file_id":${id},`);
    expect(await (await fetch(`${base()}/retrieve_content?file_id=${id}`, { headers: h })).text()).toBe("abc");
    expect(await (await fetch(`${base()}/list?purpose=t2a_async_input`, { headers: h })).text()).toContain(`"file_id":${id},`);
    expect((await (await fetch(`${base()}/list?purpose=voice_clone`, { headers: h })).json()).files).toEqual([]);
    // Delete takes the id as a bare JSON number, digit for digit; a quoted one misses.
    const del = (body) => fetch(`${base()}/delete`, { method: "POST", headers: { ...h, "content-type": "application/json" }, body });
    expect((await del(`{"file_id":"${id}","purpose":"t2a_async_input"}`)).status).toBe(404);
    expect(await (await del(`{"file_id":${id},"purpose":"t2a_async_input"}`)).text()).toContain(`"file_id":${id}`);
    expect((await fetch(`${base()}/retrieve?file_id=${id}`, { headers: h })).status).toBe(404);
  });
});

describe("every provider", () => {
  it("answers a CORS preflight for authorization and content-type only, and CORS on answers", async () => {
    const pre = await fetch(`${server.url}/moonshot/v1/files`, { method: "OPTIONS", headers: { origin: "http://127.0.0.1:1", "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    const res = await fetch(`${server.url}/moonshot/v1/files`, { headers: auth("k") });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("refuses a call without a key (401), an unknown route (404) and an upload with no file part (400)", async () => {
    expect((await fetch(`${server.url}/moonshot/v1/files`)).status).toBe(401);
    expect((await fetch(`${server.url}/nowhere/v1/files`, { headers: auth("k") })).status).toBe(404);
    const body = new FormData();
    body.append("purpose", "file-extract");
    expect((await fetch(`${server.url}/moonshot/v1/files`, { method: "POST", headers: auth("k"), body })).status).toBe(400);
  });
});
