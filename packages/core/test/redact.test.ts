// One redaction rule (redact.ts), wherever a server may echo the key: a key of at least
// MIN_SECRET_LENGTH (4) characters is replaced in an error (message, stack, body) and in a
// parsed success body alike; a shorter one is too likely to occur by chance to be searched
// for, so it is left alone in both. Answers come from a real loopback server.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilesError, InvalidRequestError, MIN_SECRET_LENGTH, REDACTED, RequestPolicy, redact, redactError } from "../src/index.js";
import { acme } from "./profile.js";

describe("redact and redactError", () => {
  it("replaces every occurrence of a key of 4 characters or more", () => {
    expect(MIN_SECRET_LENGTH).toBe(4);
    expect(redact("Bearer abcd rejected; abcd again", "abcd")).toBe(`Bearer ${REDACTED} rejected; ${REDACTED} again`);
    expect(redact("no key here", "abcd")).toBe("no key here");
  });

  it("does not search for a key of 3 characters, nor for none", () => {
    expect(redact("Bearer abc rejected", "abc")).toBe("Bearer abc rejected");
    expect(redact("text", "")).toBe("text");
    expect(redact("text", undefined)).toBe("text");
  });

  it("cleans an error's message, stack and body in place; the body stays enumerable", () => {
    const err = new FilesError({ provider: "acme", message: "acme: key sk-12 is invalid", body: '{"key":"sk-12"}' });
    expect(redactError(err, "sk-12")).toBe(err);
    expect(err.message).toBe(`acme: key ${REDACTED} is invalid`);
    expect(err.stack).not.toContain("sk-12");
    expect(err.body).toBe(`{"key":"${REDACTED}"}`);
    expect(Object.keys(err)).toContain("body");
    const short = new FilesError({ provider: "acme", message: "key abc is invalid", body: "abc" });
    redactError(short, "abc");
    expect(short).toMatchObject({ message: "key abc is invalid", body: "abc" });
  });
});

describe("a server that echoes the key", () => {
  let server: TestServer;
  // Every answer quotes the Authorization header it was sent: a 400 error, or a 200 file.
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const said = String(req.headers.authorization);
      if (req.url!.startsWith("/v1/bad")) return json(res, 400, { error: { message: `invalid key: ${said}`, code: "bad_key" } });
      json(res, 200, { id: "file-1", filename: `uploaded with ${said}`, nested: { note: [said] } });
    });
  });
  afterAll(() => server.stop());

  const call = (key: string, path: string) =>
    new RequestPolicy(acme, { apiKey: key, baseUrl: server.url }).send({ url: `${server.url}${path}`, method: "GET", headers: new Headers(), idempotent: true, expect: "json" });

  it("a 4-character key: masked in the error and in the parsed success body alike", async () => {
    const err = await call("k3y4", "/v1/bad").catch((e) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.message).toBe(`acme: invalid key: Bearer ${REDACTED}`);
    expect(`${err.message} ${err.stack} ${err.body} ${JSON.stringify(err)}`).not.toContain("k3y4");
    const reply = await call("k3y4", "/v1/files/file-1");
    expect(reply.json).toEqual({ id: "file-1", filename: `uploaded with Bearer ${REDACTED}`, nested: { note: [`Bearer ${REDACTED}`] } });
    expect(reply.text).not.toContain("k3y4");
  });

  it("a 3-character key is not searched for: left as the server said it, in the error and in the body alike", async () => {
    const err = await call("k3y", "/v1/bad").catch((e) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.message).toBe("acme: invalid key: Bearer k3y");
    expect(err.body).toContain("Bearer k3y");
    const reply = await call("k3y", "/v1/files/file-1");
    expect(reply.json).toMatchObject({ filename: "uploaded with Bearer k3y", nested: { note: ["Bearer k3y"] } });
  });
});
