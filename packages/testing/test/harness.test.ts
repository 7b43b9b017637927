import { describe, expect, it } from "vitest";
import { startPrism, startServer, json, tempFile, sparseFile } from "../src/index.js";
import { stat, readFile } from "node:fs/promises";

describe("startPrism", () => {
  it("serves a spec on a free loopback port and stops", async () => {
    const prism = await startPrism({ provider: "moonshot" });
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${prism.url}/v1/files`, { headers: { authorization: "Bearer k" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: [expect.objectContaining({ id: "clg681objj8g9m7n4je0" })] });
    await prism.stop();
    await expect(fetch(`${prism.url}/v1/files`)).rejects.toThrow();
  });

  it("reports a broken spec with Prism's own output", async () => {
    const f = await tempFile("openapi: 3.1.0\npaths: [", "broken.yaml");
    await expect(startPrism({ spec: f.path, startTimeoutMs: 15_000 })).rejects.toThrow(/Prism did not start/);
    await f.cleanup();
  });
});

describe("startServer", () => {
  it("records requests and closes every socket on stop", async () => {
    const server = await startServer((req, res) => json(res, 201, { got: req.body.toString() }));
    const res = await fetch(server.url + "/x?y=1", { method: "POST", body: "hello" });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ got: "hello" });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/x?y=1", bytes: 5, text: "hello" });
    await server.stop();
    expect(server.openSockets()).toBe(0);
  });
});

describe("files", () => {
  it("writes real files and sparse ones", async () => {
    const a = await tempFile("abc", "a.txt");
    expect(await readFile(a.path, "utf8")).toBe("abc");
    const b = await sparseFile(50 * 1024 * 1024);
    expect((await stat(b.path)).size).toBe(50 * 1024 * 1024);
    await a.cleanup();
    await b.cleanup();
  });
});
