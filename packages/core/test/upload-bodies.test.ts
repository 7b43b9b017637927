// The body an upload takes comes from the profile (UploadRoute.body), as the spec says it: the
// file as the raw body (its own media type, one the spec lists; its name in Content-Disposition;
// its exact Content-Length) or a JSON object carrying it base64-encoded, streamed either way; a
// provider whose upload takes no purpose refuses one. Bad input fails before anything is sent.
import { startServer, tempFile, json, type TestServer } from "@llm-files/testing";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilesClient, type UploadBody, type UploadProgress } from "../src/index.js";
import { acmeProfile } from "./profile.js";

const DATA = randomBytes(700 * 1024 + 2);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
let server: TestServer;
beforeAll(async () => {
  server = await startServer(
    (req, res) => {
      const type = String(req.headers["content-type"]);
      const file = /json/.test(type) ? JSON.parse(req.body.toString("utf8")) : undefined;
      json(res, 200, {
        id: "file-1",
        sha: sha(file ? Buffer.from(file.content, "base64") : req.body),
        type,
        disposition: req.headers["content-disposition"],
        length: Number(req.headers["content-length"]),
        received: req.body.length,
        url: req.url,
        fields: file ? Object.fromEntries(Object.entries(file).filter(([k]) => k !== "content")) : undefined,
      });
    },
    { keepBodies: true },
  );
});
afterAll(() => server.stop());

const RAW: UploadBody = { form: "raw", mediaTypes: ["text/plain", "application/pdf"], nameHeader: "content-disposition", sizeRequired: true, purposeQuery: "purpose" };
const client = (body: UploadBody, extra: Parameters<typeof acmeProfile>[0] = {}, fetchImpl?: typeof fetch) =>
  createFilesClient(acmeProfile({ operations: { upload: { method: "post", path: "/v1/files", body } }, ...extra }), { apiKey: "k", baseUrl: server.url, fetch: fetchImpl }).files as any;

describe("the file as the raw body", () => {
  it("is the body byte for byte, in its own media type, named in Content-Disposition, with its exact length and the purpose in the query", async () => {
    const f = await tempFile(DATA, "notes.txt");
    const progress: UploadProgress[] = [];
    const r = await client(RAW).upload({ file: f.path, purpose: "batch", onProgress: (p: UploadProgress) => progress.push({ ...p }) });
    expect(r).toMatchObject({ sha: sha(DATA), type: "text/plain", disposition: 'attachment; filename="notes.txt"', length: DATA.length, received: DATA.length, url: "/v1/files?purpose=batch" });
    expect(progress.at(-1)).toEqual({ loaded: DATA.length, total: DATA.length });
    // Through a caller's fetch too (which, left to itself, streams a file from disk with no length).
    const viaFetch = await client(RAW, {}, fetch).upload({ file: f.path, purpose: "batch" });
    expect(viaFetch).toMatchObject({ sha: sha(DATA), type: "text/plain", disposition: 'attachment; filename="notes.txt"', length: DATA.length, received: DATA.length });
    await f.cleanup();
  });

  it("names a file whose name is not plain ASCII exactly (RFC 8187) beside an ASCII stand-in", async () => {
    const r = await client(RAW).upload({ file: new Uint8Array([1, 2, 3]), filename: "résumé.pdf", purpose: "batch" });
    expect(r.disposition).toBe(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`);
    expect(r.type).toBe("application/pdf");
  });

  it("refuses, before sending, a file of a type the spec does not list, and a stream whose size the required Content-Length cannot give", async () => {
    const before = server.received();
    await expect(client(RAW).upload({ file: new Uint8Array([1]), filename: "data.bin", purpose: "batch" })).rejects.toMatchObject({
      name: "ValidationError",
      field: "file",
      message: expect.stringMatching(/takes files of these types: text\/plain, application\/pdf; "data\.bin" is application\/octet-stream/),
    });
    await expect(client(RAW).upload({ file: new Blob([DATA]).stream(), filename: "s.txt", purpose: "batch" })).rejects.toMatchObject({ name: "ValidationError", field: "file", message: expect.stringMatching(/needs the file's size \(Content-Length\)/) });
    expect(server.received()).toBe(before);
  });
});

describe("the file in a JSON body", () => {
  it("arrives base64-encoded beside its name and purpose, whatever its length (1, 2, 3 bytes and 700 kB), with an exact Content-Length", async () => {
    const body: UploadBody = { form: "json", fileField: "content", filenameField: "filename", purposeField: "purpose" };
    for (const bytes of [new Uint8Array([7]), new Uint8Array([7, 8]), new Uint8Array([7, 8, 9]), new Uint8Array(DATA)]) {
      const r = await client(body).upload({ file: bytes, filename: "a.jsonl", purpose: "search" });
      expect(r).toMatchObject({ sha: sha(bytes), type: "application/json", fields: { filename: "a.jsonl", purpose: "search" } });
      expect(r.length).toBe(r.received);
    }
    const f = await tempFile(DATA, "big.bin");
    expect((await client(body).upload({ file: f.path, purpose: "batch" })).sha).toBe(sha(DATA));
    await f.cleanup();
  });
});

describe("an upload that takes no purpose (the profile lists none)", () => {
  const none = { purposes: { upload: [], list: [] } };
  it("goes without one, and refuses one given, before sending", async () => {
    const r = await client({ form: "raw", nameHeader: "content-disposition" }, none).upload({ file: new Uint8Array([1, 2]), filename: "a.txt" });
    expect(r).toMatchObject({ url: "/v1/files", disposition: 'attachment; filename="a.txt"' });
    const before = server.received();
    await expect(client({ form: "raw" }, none).upload({ file: new Uint8Array([1]), filename: "a.txt", purpose: "batch" })).rejects.toMatchObject({ name: "ValidationError", field: "purpose", message: expect.stringMatching(/files have no purpose: remove purpose \(got "batch"\)/) });
    expect(server.received()).toBe(before);
  });
});
